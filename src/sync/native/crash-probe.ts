/**
 * Asks whether a case crashes a native plug-in, without crashing this process: the case's calls run
 * in the crash probe (`native/crash-probe.c`), a small C program of their own that loads the
 * library, so each question costs a process start of a few milliseconds, not a Node start.
 */
import { spawnSync } from 'node:child_process';
import type { LawId } from '../laws/law.ts';
import type { SyncCase } from '../sync-case.ts';
import { compileCrashProbe } from './compile.ts';

/** Signals a process gets from its own faulty code, as opposed to from someone stopping it. */
export const CRASH_SIGNALS: ReadonlySet<string> = new Set(['SIGSEGV', 'SIGBUS', 'SIGILL', 'SIGFPE', 'SIGABRT', 'SIGTRAP', 'SIGSYS']);

/** A case that takes longer than this in the probe counts as not crashing (a hang is another matter). */
const PROBE_TIMEOUT_MS = 10_000;

/** One sync call of a case: `[startPage, npages]`. */
export type ProbeCall = readonly [number, number];

/** The probe's answer for one case. */
export interface ProbeResult {
  /** The crash signal, or null when every call returned. */
  readonly signal: string | null;
  /** When it crashed: the call in flight, an index into the calls. */
  readonly callIndex?: number;
  /** When the crash was an access to a page-protected guard: which buffer, how far past it. */
  readonly fault?: string;
}

/** A compiled probe bound to one library. */
export interface CrashProbe {
  /**
   * Runs the calls a law check makes on a case, each run on a fresh copy of the case's bitmaps.
   * @param syncCase - the case
   * @param law - the law being checked: L9 also makes the split calls
   * @returns whether it crashed, and in which call
   * @throws Error when the probe cannot run the case (not a crash)
   */
  probe(syncCase: SyncCase, law: LawId): ProbeResult;
}

/**
 * The calls a law check makes on a case, in order, grouped by the state they start from: the whole
 * range, and for L9 the split (the only law that reads it).
 * @param syncCase - the case
 * @param law - the law
 * @returns the runs
 */
export function callsOfCheck(syncCase: SyncCase, law: LawId): ProbeCall[][] {
  const { startPage, npages, splitPage } = syncCase;
  const whole: ProbeCall[] = [[startPage, npages]];
  if (law !== 'L9') return [whole];
  return [whole, [[startPage, splitPage - startPage], [splitPage, startPage + npages - splitPage]]];
}

/**
 * Compiles the probe and binds it to a library.
 * @param libraryPath - the plug-in's shared library
 * @param env - the environment (`CC`), which the probe also runs in
 * @param program - a probe already compiled (the sanitizers' build); compiled here by default
 * @returns the probe
 * @throws PluginLoadError when the probe cannot be compiled
 */
export function createCrashProbe(libraryPath: string, env: NodeJS.ProcessEnv = process.env, program: string = compileCrashProbe(env)): CrashProbe {
  return {
    probe(syncCase, law) {
      const runs = callsOfCheck(syncCase, law);
      const result = spawnSync(program, [libraryPath], { input: encodeCase(syncCase, runs), timeout: PROBE_TIMEOUT_MS, maxBuffer: 1 << 20, env });
      if (result.error && !result.signal) throw result.error;
      if (result.signal === null && result.status !== 0) throw new Error(`crash-probe exited with ${result.status}: ${result.stderr.toString().trim()}`);
      if (result.signal === null || !CRASH_SIGNALS.has(result.signal)) return { signal: null };
      // The probe writes each call's number, from 1, before making it.
      const written = result.stdout;
      const fault = result.stderr.toString().trim();
      return { signal: result.signal, callIndex: written.length > 0 ? written[written.length - 1] - 1 : 0, ...(fault ? { fault } : {}) };
    },
  };
}

/** The probe's input format (see `native/crash-probe.c`), in host byte order as C reads it. */
function encodeCase(syncCase: SyncCase, runs: readonly (readonly ProbeCall[])[]): Buffer {
  const header = [syncCase.blockPages, syncCase.source.length, syncCase.offsetPage, syncCase.pages, syncCase.bmap.length / 2, runs.length];
  for (const run of runs) header.push(run.length, ...run.flat());
  const bitmaps = [...syncCase.source, syncCase.bmap].map((words) => Buffer.from(words.buffer, words.byteOffset, words.byteLength));
  return Buffer.concat([Buffer.from(BigUint64Array.from(header, (value) => BigInt(value)).buffer), ...bitmaps]);
}
