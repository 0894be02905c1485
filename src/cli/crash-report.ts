/**
 * The report of a native plug-in's child process that died by a signal, or was killed because a call
 * never returned: what it was checking, the smallest crashing case (or, failing that, the input of
 * the call in flight), and how to replay it.
 */
import { CRASH_SIGNALS, callsOfCheck } from '../sync/native/crash-probe.ts';
import { describeLayout, replayCommand } from '../sync/counterexample-format.ts';
import type { LawId } from '../sync/laws/law.ts';
import { describeWordsAround, type CallJournalEntry } from '../sync/native/call-journal.ts';
import type { ShrunkCrash } from '../sync/native/crash-shrink.ts';
import { materialize } from '../sync/sync-case.ts';

/**
 * Formats the report.
 * @param signal - the signal that ended the child
 * @param entry - the journal's last entry, if any call was made
 * @param shrunk - the smallest crashing case, or why there is none
 * @param env - the environment the child ran with (for the replay line)
 * @param replayPrefix - the command that replays the run, to which `--family F --law L` is appended (default: `test:sync`'s)
 * @returns the multi-line text
 */
export function formatDeath(
  signal: string,
  entry: CallJournalEntry | undefined,
  shrunk: ShrunkCrash | { reason: string },
  env: NodeJS.ProcessEnv = process.env,
  replayPrefix?: string,
): string {
  const crashed = CRASH_SIGNALS.has(signal);
  // A signal from outside (Ctrl-C, a kill) is not the plug-in's fault, and the report says so.
  const [heading, what] = crashed ? ['CRASH', `crashed (${signal})`] : ['STOPPED', `was stopped by ${signal}`];
  if (entry === undefined) return `${heading}: the native plug-in ${what} before its first sync call (while loading, or in a library constructor)`;
  const checking = entry.law && entry.family ? ` while checking ${entry.law} on family ${entry.family}` : '';
  const lines = [`${heading}: the native implementation ${entry.implementation} ${what}${checking}`];
  let path = env.FC_PATH;
  if ('syncCase' in shrunk) {
    const { syncCase } = shrunk;
    const state = materialize(syncCase);
    lines.push(
      `  smallest crashing case (found in ${shrunk.runs} runs, shrunk ${shrunk.shrinks} times):`,
      `  layout:    ${describeLayout(syncCase)}`,
      ...describeWordsAround(state.mem, state.rb, syncCase.startPage, syncCase.npages).map((line) => `  ${line}`),
      `  crashed in ${crashingCall(shrunk, entry.law as LawId)}`,
    );
    path = shrunk.path;
  } else {
    lines.push(`  the input of the call in flight (not shrunk: ${shrunk.reason}):`, ...entry.input.map((line) => `  ${line}`));
  }
  return [...lines, ...replayLines(entry, path, env, replayPrefix)].join('\n');
}

/**
 * Formats the report of a call that did not return in time (the child was killed).
 * @param timeoutMs - the time limit the call exceeded
 * @param entry - the journal's last entry: the call in flight
 * @param env - the environment the child ran with (for the replay line)
 * @param replayPrefix - as for `formatDeath`
 * @returns the multi-line text
 */
export function formatHang(timeoutMs: number, entry: CallJournalEntry, env: NodeJS.ProcessEnv = process.env, replayPrefix?: string): string {
  const checking = entry.law && entry.family ? ` while checking ${entry.law} on family ${entry.family}` : '';
  return [
    `HANG: the plug-in ${entry.implementation} did not return from a call within ${timeoutMs} ms${checking}, and was killed`,
    '  the input of the call in flight:',
    ...entry.input.map((line) => `  ${line}`),
    ...replayLines(entry, env.FC_PATH, env, replayPrefix),
  ].join('\n');
}

function replayLines(entry: CallJournalEntry, path: string | undefined, env: NodeJS.ProcessEnv, replayPrefix?: string): string[] {
  if (!entry.law || !entry.family) return [];
  const runs = env.FC_NUM_RUNS ? ` FC_NUM_RUNS=${env.FC_NUM_RUNS}` : '';
  const command = replayPrefix ? `${replayPrefix} --family ${entry.family} --law ${entry.law}` : replayCommand(entry.implementation, entry.family, entry.law, env.SYNC_IMPL);
  const replay = `FC_SEED=${entry.seed}${path ? ` FC_PATH=${path}` : ''}${runs} ${command}`;
  return [`  replay:    ${replay}`, '  debug:     add --in-process to the replay to run it in one process (to run it under gdb, see docs/native.md)'];
}

/** Names the call in flight: the whole range, or a part of L9's split. */
function crashingCall(shrunk: ShrunkCrash, law: LawId): string {
  const calls = callsOfCheck(shrunk.syncCase, law).flat();
  const [startPage, npages] = calls[shrunk.callIndex] ?? calls[0];
  const which = shrunk.callIndex === 0 ? 'the call on the whole range' : `the ${shrunk.callIndex === 1 ? 'first' : 'second'} call of the L9 split`;
  return `${which}: sync_dirty_bitmap(start_page ${startPage}, npages ${npages})`;
}
