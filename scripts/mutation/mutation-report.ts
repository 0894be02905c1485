/**
 * Reads the committed incremental mutation reports (`mutation/incremental/<chunk>.json`, one per chunk
 * of the core, written by Stryker under `npm run mutation`) as one report, and answers three questions
 * about it: which core files it is stale for, what each file's score is, and which surviving mutants
 * the equivalence list does not explain.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { declaresTypesOnly } from './type-only-file.ts';

/** The repository root. */
export const REPOSITORY_ROOT = resolve(import.meta.dirname, '../..');

/** A mutant as the mutation-testing report schema records it (the fields used here). */
export interface ReportMutant {
  readonly id: string;
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: string;
  readonly location: { readonly start: { readonly line: number; readonly column: number } };
}

/** The incremental report: per mutated file, its source as it was tested and its mutants. */
export interface IncrementalReport {
  readonly files: Readonly<Record<string, { readonly source: string; readonly mutants: readonly ReportMutant[] }>>;
}

/** One entry of `mutation/equivalent-mutants.json`: a surviving mutant shown equivalent. */
export interface EquivalentMutant {
  readonly file: string;
  readonly line: number;
  readonly mutator: string;
  readonly replacement: string;
  readonly reason: string;
}

/**
 * Reads a JSON file of the repository.
 * @param relativePath - path from the repository root
 * @returns the parsed value
 * @throws Error naming the file when it is missing or not JSON
 */
export function readRepositoryJson(relativePath: string, root = REPOSITORY_ROOT): unknown {
  const path = join(root, relativePath);
  if (!existsSync(path)) throw new Error(`${relativePath} is missing; run npm run mutation`);
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${relativePath} is not valid JSON: ${(error as Error).message}`);
  }
}

/** `mutation/scope.json`: the core, and the chunks Stryker runs it in. */
interface MutationScope {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  /**
   * A core file belongs to the first chunk one of whose paths is the file or a folder above it. A
   * chunk may ask for `coverageAnalysis: "all"` (every related test for every covered mutant) where
   * per-test coverage cannot be trusted; tests that share a computed value use
   * `properties/per-test-fixture.ts` instead, so every chunk runs per test today.
   */
  readonly chunks: readonly {
    readonly name: string;
    readonly paths: readonly string[];
    readonly coverageAnalysis?: 'perTest' | 'all';
    /**
     * Test files left out of this chunk's test set: tests that reach its code only through a far more
     * expensive computation than its own tests, and would otherwise run for each of its mutants.
     */
    readonly skipTests?: readonly string[];
  }[];
}

/** A chunk of the core as `npm run mutation` runs it. */
export interface MutationChunk {
  readonly name: string;
  /** Its core files. */
  readonly files: string[];
  readonly coverageAnalysis: 'perTest' | 'all';
  /** Test files (repository-relative) its run leaves out. */
  readonly skipTests: readonly string[];
}

/** The fast-check seed of every mutation run, so its verdicts can be reproduced. */
export const MUTATION_SEED = '20251215';

/** Where each chunk's incremental report is committed. */
export const INCREMENTAL_REPORT_FOLDER = 'mutation/incremental';

/**
 * The core files the mutation run covers, from `mutation/scope.json` (the Stryker config reads it too).
 * @param root - the repository root
 * @returns repository-relative paths of the `.ts` files in scope, sorted
 */
export function coreFiles(root = REPOSITORY_ROOT): string[] {
  const scope = readRepositoryJson('mutation/scope.json', root) as MutationScope;
  const excluded = (path: string) => scope.exclude.some((e) => path === e || path.startsWith(`${e}/`));
  const files = scope.include.flatMap((entry) =>
    entry.endsWith('.ts') ? [entry] : readdirSync(join(root, entry), { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.ts')).map((p) => `${entry}/${p.split('\\').join('/')}`),
  );
  return files.filter((path) => !excluded(path)).sort();
}

/**
 * The core split into the chunks Stryker runs one at a time, each with its own incremental report, so
 * that an interrupted run keeps the chunks it finished.
 * @param root - the repository root
 * @returns each chunk's name, core files, coverage analysis and skipped tests, in the order of `mutation/scope.json`
 * @throws Error when a core file belongs to no chunk, or a skipped test file does not exist
 */
export function mutationChunks(root = REPOSITORY_ROOT): MutationChunk[] {
  const scope = readRepositoryJson('mutation/scope.json', root) as MutationScope;
  const under = (file: string, path: string) => file === path || file.startsWith(`${path}/`);
  const chunks = scope.chunks.map((chunk) => {
    const skipTests = chunk.skipTests ?? [];
    // A misspelt path would silently skip nothing and make the run slower than it claims to be.
    for (const test of skipTests) if (!existsSync(join(root, test))) throw new Error(`mutation/scope.json: chunk ${chunk.name} skips ${test}, which does not exist`);
    return { name: chunk.name, files: [] as string[], coverageAnalysis: chunk.coverageAnalysis ?? 'perTest', skipTests };
  });
  for (const file of coreFiles(root)) {
    const index = scope.chunks.findIndex((chunk) => chunk.paths.some((path) => under(file, path)));
    if (index < 0) throw new Error(`mutation/scope.json: the core file ${file} belongs to no chunk`);
    chunks[index].files.push(file);
  }
  return chunks;
}

/**
 * Reads every chunk's incremental report as one report.
 * @param root - the repository root
 * @returns the mutated files of all chunks
 */
export function readIncrementalReports(root = REPOSITORY_ROOT): IncrementalReport {
  const folder = join(root, INCREMENTAL_REPORT_FOLDER);
  const names = existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.json')).sort() : [];
  const files: Record<string, IncrementalReport['files'][string]> = {};
  for (const name of names) Object.assign(files, (readRepositoryJson(`${INCREMENTAL_REPORT_FOLDER}/${name}`, root) as IncrementalReport).files);
  return { files };
}

/** How a core file stands against the committed report. */
export interface FileFreshness {
  /** Changed since the report was made: its score is stale. */
  readonly changed: readonly string[];
  /** In the core but never mutated (files of type declarations only, which have nothing to mutate, are not listed). */
  readonly notMeasured: readonly string[];
  /** In the report but gone from the core. */
  readonly gone: readonly string[];
}

/**
 * Compares the report's recorded sources with the files as they are now.
 * @param report - the incremental report
 * @param root - the repository root
 * @returns changed, unmeasured and vanished files
 */
export function reportFreshness(report: IncrementalReport, root = REPOSITORY_ROOT): FileFreshness {
  const core = coreFiles(root);
  const measured = Object.keys(report.files);
  return {
    changed: measured.filter((path) => core.includes(path) && readFileSync(join(root, path), 'utf8') !== report.files[path].source),
    notMeasured: core.filter((path) => !measured.includes(path) && !declaresTypesOnly(join(root, path))),
    gone: measured.filter((path) => !core.includes(path)),
  };
}

/** Mutant counts of one file and its mutation score. */
export interface FileScore {
  readonly file: string;
  readonly killed: number;
  readonly survived: number;
  readonly noCoverage: number;
  /** Mutants that made the tests run out of time: detected, as Stryker counts them. */
  readonly timeout: number;
  /** Ignored (static), compile or runtime errors: not in the score. */
  readonly excluded: number;
  /** (killed + timeout) / (killed + timeout + survived + noCoverage), in percent; null without valid mutants. */
  readonly scorePercent: number | null;
}

/**
 * Scores one file's mutants as Stryker does.
 * @param file - the file
 * @param mutants - its mutants
 * @returns the counts and the score
 */
export function scoreFile(file: string, mutants: readonly ReportMutant[]): FileScore {
  const count = (status: string) => mutants.filter((m) => m.status === status).length;
  const [killed, survived, noCoverage, timeout] = [count('Killed'), count('Survived'), count('NoCoverage'), count('Timeout')];
  const valid = killed + survived + noCoverage + timeout;
  return { file, killed, survived, noCoverage, timeout, excluded: mutants.length - valid, scorePercent: valid === 0 ? null : (100 * (killed + timeout)) / valid };
}

/**
 * How a survivor is named in the equivalence list and in messages.
 * @returns `file:line mutator "replacement"`
 */
export function survivorKey(file: string, line: number, mutator: string, replacement: string): string {
  return `${file}:${line} ${mutator} ${JSON.stringify(replacement)}`;
}

/**
 * The surviving (or uncovered) mutants, and how the equivalence list matches them.
 * @param report - the incremental report
 * @param equivalents - the committed list
 * @returns survivors the list does not explain, and list entries that match no survivor
 */
export function unexplainedSurvivors(report: IncrementalReport, equivalents: readonly EquivalentMutant[]): { unexplained: string[]; unmatched: string[] } {
  const key = survivorKey;
  const listed = new Set(equivalents.filter((e) => e.reason.trim() !== '').map((e) => key(e.file, e.line, e.mutator, e.replacement)));
  const survivors = Object.entries(report.files).flatMap(([file, { mutants }]) =>
    mutants.filter((m) => m.status === 'Survived' || m.status === 'NoCoverage').map((m) => key(file, m.location.start.line, m.mutatorName, m.replacement ?? '')),
  );
  return { unexplained: survivors.filter((s) => !listed.has(s)), unmatched: [...listed].filter((l) => !survivors.includes(l)) };
}
