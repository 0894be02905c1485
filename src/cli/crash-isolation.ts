/**
 * Runs `test-sync` for a native plug-in in a child process. A segfault in C kills the whole process
 * that made the call, worker threads included, so the law suite runs in a child and this process
 * outlives it: when the child dies by a signal, this one reads the call journal, shrinks the crash
 * to the smallest crashing case it can find, and reports it as a failure naming the law, family and
 * case, with the command that replays it. A call that does not return within a time limit (a hang
 * in C) is reported the same way, after the child is killed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { rangeError } from '../check.ts';
import { propertySettingsFromEnv } from '../property-settings.ts';
import { CASE_FAMILIES } from '../sync/case-families.ts';
import type { LawId } from '../sync/laws/law.ts';
import { CALL_JOURNAL_VARIABLE, callInFlightMs, readCallJournal, type CallJournalEntry } from '../sync/native/call-journal.ts';
import { compileSyncPlugin } from '../sync/native/compile.ts';
import { createCrashProbe, CRASH_SIGNALS } from '../sync/native/crash-probe.ts';
import { shrinkCrash, type ShrunkCrash } from '../sync/native/crash-shrink.ts';
import { formatDeath, formatHang } from './crash-report.ts';

/** The environment variable that sets how long one native call may run before it counts as hung. */
export const CALL_TIMEOUT_VARIABLE = 'SYNC_IMPL_CALL_TIMEOUT_MS';

/**
 * Far above any call of the law suite (a 64 Mi-page sync takes milliseconds), so only a call that
 * never returns reaches it.
 */
export const DEFAULT_CALL_TIMEOUT_MS = 60_000;

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
  const timeoutMs = callTimeoutMs(env);
  const directory = mkdtempSync(join(tmpdir(), 'dirty-sync-journal-'));
  const journalPath = join(directory, 'call.json');
  let hung = false;
  try {
    const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      // The child's temporary files (its compiled plug-in) go inside this directory, which this process
      // removes: a child killed by a signal runs no cleanup of its own.
      const childEnv = { ...env, [CALL_JOURNAL_VARIABLE]: journalPath, TMPDIR: directory };
      const child = spawn(process.execPath, [...process.execArgv, script, ...args], { stdio: 'inherit', env: childEnv });
      const forward = (received: NodeJS.Signals) => child.kill(received);
      for (const name of FORWARDED_SIGNALS) process.on(name, forward);
      // A C loop that never ends cannot be interrupted from inside; SIGKILL from here always works.
      const watchdog = setInterval(() => {
        const inFlightMs = callInFlightMs(journalPath);
        if (inFlightMs !== undefined && inFlightMs > timeoutMs) {
          hung = true;
          child.kill('SIGKILL');
        }
      }, Math.min(1000, Math.max(50, timeoutMs / 4)));
      const stop = () => {
        clearInterval(watchdog);
        FORWARDED_SIGNALS.forEach((name) => process.off(name, forward));
      };
      child.once('error', (error) => {
        stop();
        reject(error);
      });
      child.once('exit', (exitCode, exitSignal) => {
        stop();
        resolve({ code: exitCode, signal: exitSignal });
      });
    });
    if (signal === null) return code ?? 1;
    const entry = readCallJournal(journalPath);
    if (hung && entry) {
      console.log(`\n${formatHang(timeoutMs, entry, env)}`);
      return 1;
    }
    const shrunk = CRASH_SIGNALS.has(signal) && entry ? shrinkFromJournal(entry, env) : { reason: 'the run was stopped from outside' };
    console.log(`\n${formatDeath(signal, entry, shrunk, env)}`);
    return 1;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The call time limit from the environment. */
function callTimeoutMs(env: NodeJS.ProcessEnv): number {
  const text = env[CALL_TIMEOUT_VARIABLE]?.trim();
  if (!text) return DEFAULT_CALL_TIMEOUT_MS;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw rangeError('test-sync', CALL_TIMEOUT_VARIABLE, 'a positive integer (milliseconds)', text);
  return value;
}

/**
 * Shrinks the crash the journal names, through the crash probe.
 * @returns the smallest crashing case, or why there is none
 */
function shrinkFromJournal(entry: CallJournalEntry, env: NodeJS.ProcessEnv): ShrunkCrash | { reason: string } {
  const family = CASE_FAMILIES.find((f) => f.name === entry.family);
  const pluginPath = env.SYNC_IMPL?.trim();
  if (!family || !entry.law || !pluginPath) return { reason: 'the crash came outside a law check' };
  try {
    const path = resolve(pluginPath);
    const libraryPath = extname(path) === '.c' ? compileSyncPlugin(path, env) : path;
    const shrunk = shrinkCrash(createCrashProbe(libraryPath, env), family, entry.law as LawId, propertySettingsFromEnv(env));
    return shrunk ?? { reason: "no case of the family crashes the probe: the crash came while shrinking another law's counterexample" };
  } catch (error) {
    return { reason: `the crash probe could not run: ${error instanceof Error ? error.message : String(error)}` };
  }
}
