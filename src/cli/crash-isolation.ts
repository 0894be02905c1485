/**
 * Runs `test-sync` for a native plug-in in a child process. A segfault in C kills the whole process
 * that made the call, worker threads included, so the law suite runs in a child and this process
 * outlives it: when the child dies by a signal, this one reads the call journal and reports the
 * crash as a failure naming the law, family and case, with the command that replays it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CALL_JOURNAL_VARIABLE, readCallJournal, type CallJournalEntry } from '../sync/native/call-journal.ts';

/** Signals a process gets from its own faulty code, as opposed to from someone stopping it. */
const CRASH_SIGNALS: ReadonlySet<string> = new Set(['SIGSEGV', 'SIGBUS', 'SIGILL', 'SIGFPE', 'SIGABRT', 'SIGTRAP', 'SIGSYS']);

/** Signals passed on to the child, so stopping this process never leaves the child running. */
const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs a script in a child Node process with this process's flags (the TypeScript loader included),
 * the call journal's path in its environment, and this process's standard streams.
 * @param script - absolute path of the script
 * @param args - its command-line arguments
 * @param env - the child's environment, less the journal variable
 * @returns the child's exit code; 1 when it died by a signal, after printing what it was doing
 */
export async function runInChildProcess(script: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const directory = mkdtempSync(join(tmpdir(), 'dirty-sync-journal-'));
  const journalPath = join(directory, 'call.json');
  try {
    const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      const child = spawn(process.execPath, [...process.execArgv, script, ...args], { stdio: 'inherit', env: { ...env, [CALL_JOURNAL_VARIABLE]: journalPath } });
      const forward = (received: NodeJS.Signals) => child.kill(received);
      for (const name of FORWARDED_SIGNALS) process.on(name, forward);
      const stopForwarding = () => FORWARDED_SIGNALS.forEach((name) => process.off(name, forward));
      child.once('error', (error) => {
        stopForwarding();
        reject(error);
      });
      child.once('exit', (exitCode, exitSignal) => {
        stopForwarding();
        resolve({ code: exitCode, signal: exitSignal });
      });
    });
    if (signal === null) return code ?? 1;
    console.log(`\n${formatDeath(signal, readCallJournal(journalPath), env)}`);
    return 1;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * The report of a child that died by a signal: what it was checking, the input of the call in
 * flight, and how to replay it.
 * @param signal - the signal that ended the child
 * @param entry - the journal's last entry, if any call was made
 * @param env - the environment the child ran with (for the replay line)
 * @returns the multi-line text
 */
export function formatDeath(signal: string, entry: CallJournalEntry | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const what = CRASH_SIGNALS.has(signal) ? `crashed (${signal})` : `was stopped by ${signal}`;
  if (entry === undefined) return `CRASH: the native plug-in ${what} before its first sync call (while loading, or in a library constructor)`;
  const checking = entry.law && entry.family ? ` while checking ${entry.law} on family ${entry.family}` : '';
  const lines = [`CRASH: the native implementation ${entry.implementation} ${what}${checking}, in the call with this input:`, ...entry.input.map((line) => `  ${line}`)];
  if (entry.law && entry.family) {
    const runs = env.FC_NUM_RUNS ? ` FC_NUM_RUNS=${env.FC_NUM_RUNS}` : '';
    const path = env.FC_PATH ? ` FC_PATH=${env.FC_PATH}` : '';
    const replay = `FC_SEED=${entry.seed}${runs}${path} SYNC_IMPL=${env.SYNC_IMPL} npm run test:sync -- --implementation ${entry.implementation} --family ${entry.family} --law ${entry.law}`;
    lines.push(`  replay:    ${replay}`, '  debug:     add --in-process to the replay to run it in one process (to run it under gdb, see docs/native.md)');
  }
  return lines.join('\n');
}
