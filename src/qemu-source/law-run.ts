/**
 * Runs the laws on a built QEMU library, in a child process so a crash in QEMU's code ends the child
 * and not the command. The result has the gate's shape (one outcome per law and family, and whether
 * the run is complete), so a run is never read as green unless every check reported.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInChildProcess } from '../cli/crash-isolation.ts';
import type { PropertySettings } from '../property-settings.ts';
import type { LawId } from '../sync/laws/law.ts';

/** How one (law, family) check ended. */
export type QemuOutcomeKind = 'held' | 'finding' | 'crash';

/** The result of one (law, family). */
export interface QemuLawOutcome {
  /** The law. */
  readonly law: LawId;
  /** The case family. */
  readonly family: string;
  /** How the check ended. */
  readonly kind: QemuOutcomeKind;
  /** Cases run. */
  readonly runs: number;
  /** One line: the violation; empty when the law held. */
  readonly summary: string;
  /** The counterexample in full, with its replay line; empty when the law held. */
  readonly report: string;
}

/** A run of the laws on one revision. */
export interface QemuLawRun {
  /** The label outcomes use, e.g. `qemu@e8a6d158`. */
  readonly implementation: string;
  /** One outcome per (law, family) asked for, law-major. */
  readonly outcomes: readonly QemuLawOutcome[];
  /** True only when the child reported every check. */
  readonly complete: boolean;
}

/** What to run. */
export interface QemuLawRunOptions {
  /** The shared library exporting `sync_dirty_bitmap`. */
  readonly libraryPath: string;
  /** The label. */
  readonly label: string;
  /** The command that replays a check, before `--family F --law L`. */
  readonly replayPrefix: string;
  /** Laws, in order. */
  readonly laws: readonly LawId[];
  /** Families, in order. */
  readonly families: readonly string[];
  /** Seed, runs, replay path. */
  readonly settings: PropertySettings;
  /** Pairs expected to break (from a baseline): searched for with more runs, as the built-in suite does. */
  readonly expected?: (law: LawId, family: string) => boolean;
  /** The environment (`CC`, `SYNC_IMPL_CALL_TIMEOUT_MS`). */
  readonly env?: NodeJS.ProcessEnv;
}

const CHILD_SCRIPT = join(import.meta.dirname, 'law-run-child.ts');
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;

/**
 * Runs the laws.
 * @param options - what to run
 * @returns the run; when the child died (a crash or hang, reported on stdout with its case), the check it was in is a `crash` and the run is not complete
 */
export async function runQemuLaws(options: QemuLawRunOptions): Promise<QemuLawRun> {
  const directory = mkdtempSync(join(tmpdir(), 'dirty-sync-qemu-run-'));
  const resultPath = join(directory, 'outcomes.json');
  const expectedPairs = options.laws.flatMap((law) => options.families.filter((family) => options.expected?.(law, family)).map((family) => `${law}:${family}`));
  const env = options.env ?? process.env;
  try {
    const request = { libraryPath: options.libraryPath, label: options.label, replayPrefix: options.replayPrefix, laws: options.laws, families: options.families, settings: options.settings, expectedPairs, resultPath };
    const requestPath = join(directory, 'request.json');
    writeFileSync(requestPath, JSON.stringify(request));
    // The crash probe and replay lines of the native runner find the library through SYNC_IMPL.
    const childEnv = { ...env, SYNC_IMPL: options.libraryPath, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --import ${TSX_LOADER}`.trim() };
    const code = await runInChildProcess(CHILD_SCRIPT, [requestPath], childEnv);
    let outcomes: QemuLawOutcome[] = [];
    try {
      outcomes = JSON.parse(readFileSync(resultPath, 'utf8')) as QemuLawOutcome[];
    } catch {
      outcomes = [];
    }
    const complete = code === 0 && outcomes.length === options.laws.length * options.families.length;
    if (!complete) {
      // The child died inside the first check it did not report.
      const missing = options.laws.flatMap((law) => options.families.map((family) => ({ law, family }))).find((pair) => !outcomes.some((o) => o.law === pair.law && o.family === pair.family));
      if (missing) outcomes.push({ ...missing, kind: 'crash', runs: 0, summary: 'the child process running QEMU\'s code died (see the CRASH or HANG report above)', report: '' });
    }
    return { implementation: options.label, outcomes, complete };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
