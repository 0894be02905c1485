/**
 * Runs `test-sync` for a native plug-in in a child process. A segfault in C kills the whole process
 * that made the call, worker threads included, so the law suite runs in a child and this process
 * outlives it: when the child dies by a signal, this one reads the call journal, shrinks the crash
 * to the smallest crashing case it can find, and reports it as a failure naming the law, family and
 * case, with the command that replays it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { propertySettingsFromEnv } from '../property-settings.ts';
import { CASE_FAMILIES } from '../sync/case-families.ts';
import type { LawId } from '../sync/laws/law.ts';
import { CALL_JOURNAL_VARIABLE, readCallJournal, type CallJournalEntry } from '../sync/native/call-journal.ts';
import { compileSyncPlugin } from '../sync/native/compile.ts';
import { createCrashProbe, CRASH_SIGNALS } from '../sync/native/crash-probe.ts';
import { shrinkCrash, type ShrunkCrash } from '../sync/native/crash-shrink.ts';
import { formatDeath } from './crash-report.ts';

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
    const entry = readCallJournal(journalPath);
    const shrunk = CRASH_SIGNALS.has(signal) && entry ? shrinkFromJournal(entry, env) : { reason: 'the run was stopped from outside' };
    console.log(`\n${formatDeath(signal, entry, shrunk, env)}`);
    return 1;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
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
