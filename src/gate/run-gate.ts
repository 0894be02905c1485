/**
 * The gate's runner: runs laws × families against one implementation in a child process and returns
 * a structured result, one outcome per (law, family). The child checks on guarded buffers and
 * journals every call; this process watches the journal, so a call that does not return within the
 * time limit is a hang, killed; a child that dies (a signal, an exit, an error the plug-in raised)
 * ends only the (law, family) it was checking, which gets the failure, and a fresh child goes on
 * with the rest. A run is complete only when the last child confirms it reported every check it
 * was given. `test:sync` and the `qemu` command both call this.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rangeError } from '../check.ts';
import type { PropertySettings } from '../property-settings.ts';
import { CASE_FAMILIES } from '../sync/case-families.ts';
import { LAWS } from '../sync/laws/catalogue.ts';
import type { LawId } from '../sync/laws/law.ts';
import { CALL_JOURNAL_VARIABLE, callInFlightMs, readCallJournal } from '../sync/native/call-journal.ts';
import { PluginLoadError } from '../sync/plugin-load-error.ts';
import type { GateOutcome, GateRun } from './gate-outcome.ts';
import { GUARD_REPORT_VARIABLE, type CheckPair, type ChildMessage, type GateRequest, type ImplementationSource } from './gate-request.ts';
import { checkPairs, loadRequested } from './check-pairs.ts';
import { describeChildEnd, type ChildEnd } from './child-end.ts';

export type { ImplementationSource } from './gate-request.ts';

/** How long one call may run before it counts as a hang, unless `--call-timeout` says otherwise. */
export const DEFAULT_CALL_TIMEOUT_MS = 5_000;

/** Known findings are searched for with this many times the runs (a failure ends the search early). */
export const EXPECTED_FINDING_SEARCH_FACTOR = 10;

/** What to run. */
export interface GateOptions {
  /** The implementation: a built-in by name, or a plug-in file (JS module, `.c`, `.so`). */
  readonly source: ImplementationSource;
  /** The name outcomes and baselines use, e.g. `qemu@e8a6d158`; by default the implementation's own. */
  readonly label?: string;
  /** The command that replays a check, before `--family F --law L` (seed and path are put in front). */
  readonly replayPrefix: string;
  /** Laws to check, in order (default: all). */
  readonly laws?: readonly LawId[];
  /** Families to check, in order (default: all). */
  readonly families?: readonly string[];
  /** Seed, runs per property, replay path. */
  readonly settings: PropertySettings;
  /** (law, family) pairs expected to fail: searched for with `EXPECTED_FINDING_SEARCH_FACTOR` times the runs. */
  readonly expected?: (law: LawId, family: string) => boolean;
  /** Per-call time limit (ms). */
  readonly callTimeoutMs?: number;
  /** The child's environment (default: this process's); `CC`, `SYNC_SANITIZE` are read there. */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Run in this process, without a child: for a debugger. A crash then ends this process, a hang
   * never ends, and guard zones are still checked.
   */
  readonly inProcess?: boolean;
  /** Called once the implementation is loaded. */
  readonly onLoaded?: (name: string, description: string) => void;
  /** Called after each outcome, for progress output. */
  readonly onOutcome?: (outcome: GateOutcome) => void;
}

const CHILD_SCRIPT = join(import.meta.dirname, 'gate-child.ts');
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * Runs the gate.
 * @param options - what to run
 * @returns one outcome per (law, family), law-major, and whether the run is complete
 * @throws PluginLoadError when the implementation cannot be loaded; RangeError for an unknown law or family
 */
export async function runGate(options: GateOptions): Promise<GateRun> {
  const laws = options.laws ?? LAWS.map((law) => law.id);
  const families = options.families ?? CASE_FAMILIES.map((family) => family.name);
  for (const family of families) {
    if (!CASE_FAMILIES.some((f) => f.name === family)) throw rangeError('runGate', 'families', `names among ${CASE_FAMILIES.map((f) => f.name).join(', ')}`, family);
  }
  for (const law of laws) if (!LAWS.some((l) => l.id === law)) throw rangeError('runGate', 'laws', `ids among ${LAWS.map((l) => l.id).join(', ')}`, law);
  const timeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 1) throw rangeError('runGate', 'callTimeoutMs', 'a positive integer (ms)', timeoutMs);
  const pairs: CheckPair[] = laws.flatMap((law) =>
    families.map((family) => ({ law, family, numRuns: options.settings.numRuns * (options.expected?.(law, family) ? EXPECTED_FINDING_SEARCH_FACTOR : 1) })),
  );
  if (options.inProcess) return runInProcess(options, pairs);
  const outcomes = new Map<string, GateOutcome>();
  let identity = { name: options.label ?? '', description: '' };
  let complete = false;
  while (!complete) {
    const pending = pairs.filter((pair) => !outcomes.has(key(pair)));
    const request: GateRequest = { source: options.source, ...(options.label ? { label: options.label } : {}), pairs: pending, settings: options.settings, replayPrefix: options.replayPrefix };
    const child = await runChild(request, timeoutMs, options.env ?? process.env, {
      loaded(name, description) {
        if (identity.description === '') options.onLoaded?.(name, description);
        identity = { name, description };
      },
      outcome(outcome) {
        outcomes.set(key(outcome), outcome);
        options.onOutcome?.(outcome);
      },
    });
    if (child.loadError !== undefined) throw new PluginLoadError(child.loadError);
    if (child.done && child.reported === pending.length) {
      complete = true;
      continue;
    }
    // The child ended early: the check it was in gets the blame (a plug-in error from a timer is
    // blamed on the check that had just reported), and a fresh child takes the rest.
    const blamed = child.inCheck ?? pending.find((pair) => !outcomes.has(key(pair))) ?? pending[0];
    const outcome = describeChildEnd(child.end, blamed, identity.name, options, timeoutMs);
    outcomes.set(key(blamed), outcome);
    options.onOutcome?.(outcome);
    // Every check has an outcome: the last one is the failure just recorded, so the run is not
    // green, but it is complete.
    complete = pairs.every((pair) => outcomes.has(key(pair)));
  }
  return { implementation: identity.name, description: identity.description, outcomes: pairs.map((pair) => outcomes.get(key(pair)) as GateOutcome), complete };
}

async function runInProcess(options: GateOptions, pairs: CheckPair[]): Promise<GateRun> {
  const implementation = await loadRequested({ source: options.source, ...(options.label ? { label: options.label } : {}) });
  options.onLoaded?.(implementation.name, implementation.description);
  const outcomes: GateOutcome[] = [];
  const after = (outcome: GateOutcome) => {
    outcomes.push(outcome);
    options.onOutcome?.(outcome);
  };
  await checkPairs(implementation, { source: options.source, pairs, settings: options.settings, replayPrefix: options.replayPrefix }, { before: () => {}, after });
  return { implementation: implementation.name, description: implementation.description, outcomes, complete: true };
}

function key(pair: { law: string; family: string }): string {
  return `${pair.law} ${pair.family}`;
}

/** How one child went. */
interface ChildReport {
  /** Set when the implementation did not load. */
  readonly loadError?: string;
  /** True when the child sent its final message. */
  readonly done: boolean;
  /** The number of outcomes it said it reported. */
  readonly reported: number;
  /** The check it had started and not reported, or the one it last reported when a plug-in error came after it. */
  readonly inCheck?: { law: LawId; family: string };
  /** How it ended, when it did not finish. */
  readonly end: ChildEnd;
}

/** Starts a child on a request and follows it to its end. */
async function runChild(
  request: GateRequest,
  timeoutMs: number,
  env: NodeJS.ProcessEnv,
  on: { loaded(name: string, description: string): void; outcome(outcome: GateOutcome): void },
): Promise<ChildReport> {
  const directory = mkdtempSync(join(tmpdir(), 'dirty-sync-gate-'));
  const journalPath = join(directory, 'call.json');
  const faultPath = join(directory, 'fault.txt');
  let loadError: string | undefined;
  let done = false;
  let reported = 0;
  let inCheck: { law: LawId; family: string } | undefined;
  let lastReported: { law: LawId; family: string } | undefined;
  let pluginError: string | undefined;
  let hang: 'call' | 'between-calls' | undefined;
  let lastActivityMs = Date.now();
  let loaded = false;
  try {
    const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      // The child's temporary files (a compiled plug-in) go inside this directory, which this
      // process removes: a child killed by a signal cleans up nothing.
      const childEnv = { ...env, [CALL_JOURNAL_VARIABLE]: journalPath, [GUARD_REPORT_VARIABLE]: faultPath, TMPDIR: directory };
      const child = spawn(process.execPath, ['--import', TSX_LOADER, CHILD_SCRIPT], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: childEnv });
      const forward = (received: NodeJS.Signals) => child.kill(received);
      for (const name of FORWARDED_SIGNALS) process.on(name, forward);
      child.on('message', (message: ChildMessage) => {
        lastActivityMs = Date.now();
        if (message.type === 'loaded') {
          loaded = true;
          on.loaded(message.name, message.description);
        }
        else if (message.type === 'load-error') loadError = message.message;
        else if (message.type === 'start') inCheck = { law: message.law, family: message.family };
        else if (message.type === 'outcome') {
          on.outcome(message.outcome);
          lastReported = inCheck;
          inCheck = undefined;
        } else if (message.type === 'plugin-error') pluginError = message.text;
        else if (message.type === 'done') {
          done = true;
          reported = message.reported;
          // A plug-in may leave a timer that keeps the child alive; everything is reported.
          child.kill('SIGKILL');
        }
      });
      // A call that never returns cannot be interrupted from inside the child; SIGKILL always works.
      const watchdog = setInterval(() => {
        const inFlightMs = callInFlightMs(journalPath);
        const idleMs = Date.now() - Math.max(lastActivityMs, journalModifiedMs(journalPath));
        if (inFlightMs !== undefined && inFlightMs > timeoutMs) hang = 'call';
        // Loading (a Node start, a compile) is not timed: on a loaded machine it can take long.
        else if (loaded && inFlightMs === undefined && idleMs > timeoutMs + IDLE_MARGIN_MS) hang = 'between-calls';
        if (hang) child.kill('SIGKILL');
      }, Math.min(1000, Math.max(50, timeoutMs / 4)));
      child.once('error', (error) => {
        clearInterval(watchdog);
        FORWARDED_SIGNALS.forEach((name) => process.off(name, forward));
        reject(error);
      });
      child.once('exit', (exitCode, exitSignal) => {
        clearInterval(watchdog);
        FORWARDED_SIGNALS.forEach((name) => process.off(name, forward));
        resolve({ code: exitCode, signal: exitSignal });
      });
      child.send(request);
    });
    const entry = readCallJournal(journalPath);
    const end: ChildEnd = pluginError
      ? { kind: 'plugin-error', text: pluginError, entry }
      : hang
        ? { kind: 'hang', between: hang === 'between-calls', entry }
        : { kind: 'exit', code, signal, entry, callInFlight: entry !== undefined && callInFlightMs(journalPath) !== undefined, fault: readFault(faultPath) };
    const blamed = inCheck ?? (pluginError ? lastReported : undefined);
    return { ...(loadError !== undefined ? { loadError } : {}), done, reported, ...(blamed ? { inCheck: blamed } : {}), end };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Signals passed on to the child, so stopping this process never leaves a child running. */
const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Time allowed between calls on top of the call limit: the oracle makes calls all the time while it
 * checks, so only a child stuck outside the plug-in's calls (in a plug-in's timer, say) gets near
 * it; generous, because a machine under load stretches the oracle's own work between calls.
 */
const IDLE_MARGIN_MS = 30_000;

/** The page guards' fault report, if the child wrote one. */
function readFault(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

function journalModifiedMs(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}
