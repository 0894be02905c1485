/**
 * The child process that runs the laws against one implementation for the runner
 * (`run-gate.ts`). It loads the implementation, checks each (law, family) it is asked for on
 * guarded buffers, journals every call before making it (so the runner can name the case when the
 * process dies or a call does not return), reports each outcome, and ends with a message saying how
 * many it reported: the runner counts a run as complete only on that message. Errors the plug-in
 * raises outside a call (a throwing timer, a rejected promise) are reported as its failure.
 */
import type { SyncImplementation } from '../sync/contract.ts';
import { CALL_JOURNAL_VARIABLE, openCallJournal } from '../sync/native/call-journal.ts';
import { checkPairs, loadRequested } from './check-pairs.ts';
import type { ChildMessage, GateRequest } from './gate-request.ts';

/** How long the child waits after the last check for errors the plug-in left in timers (ms). */
const SETTLE_MS = 50;

/** Sends a message and waits until it is handed to the operating system. */
function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) throw new Error('gate-child: run by the gate runner only (no IPC channel)');
    process.send(message, undefined, {}, () => resolve());
  });
}

/** Reports an error the plug-in raised outside a call, then ends: its state is no longer trusted. */
function reportPluginError(kind: string, error: unknown): void {
  const text = error instanceof Error ? `${kind}: ${error.name}: ${error.message}` : `${kind}: ${String(error)}`;
  void send({ type: 'plugin-error', text }).then(() => process.exit(70));
}

process.on('uncaughtException', (error) => reportPluginError('an uncaught exception', error));
process.on('unhandledRejection', (reason) => reportPluginError('a rejected promise nobody handled', reason));

async function run(request: GateRequest): Promise<void> {
  let implementation: SyncImplementation;
  try {
    implementation = await loadRequested(request);
  } catch (error) {
    await send({ type: 'load-error', message: error instanceof Error ? error.message : String(error) });
    process.exit(0);
  }
  await send({ type: 'loaded', name: implementation.name, description: implementation.description });
  const journalPath = process.env[CALL_JOURNAL_VARIABLE];
  const journal = journalPath ? openCallJournal(journalPath) : undefined;
  const reported = await checkPairs(journal ? journal.watch(implementation) : implementation, request, {
    async before(pair) {
      await send({ type: 'start', law: pair.law, family: pair.family });
      journal?.setContext({ law: pair.law, family: pair.family, seed: request.settings.seed });
    },
    async after(outcome) {
      await send({ type: 'outcome', outcome });
      // A timer's turn of the event loop, so an error the plug-in left in a promise or a timer
      // surfaces here, blamed on the check that just ran rather than on a later one.
      await new Promise((resolve) => setTimeout(resolve, 1));
    },
  });
  // Before confirming, a little longer for what the plug-in left behind the last check.
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  await send({ type: 'done', reported });
  process.disconnect();
}

process.once('message', (request: GateRequest) => {
  void run(request);
});
