/**
 * The whole set of golden files: producing them from the code, comparing them with a directory
 * (missing, orphaned, unreadable and changed files all fail), and writing them.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { SyncImplementation } from '../sync/contract.ts';
import { BUILT_IN_IMPLEMENTATIONS } from '../sync/implementations.ts';
import { diffGoldenFiles, GoldenParseError, parseGoldenFile, renderGoldenFile, type GoldenFile } from './golden-file.ts';
import { claimsGoldenFile, derivationGoldenFile, thresholdsGoldenFile } from './convergence-golden.ts';
import { findingsGoldenFile, goldenCases, implementationGoldenFile } from './sync-golden.ts';

/** What the golden files are produced from; tests swap implementations to show the gate works. */
export interface GoldenSources {
  /** The sync implementations (default: the built-in ones). */
  readonly implementations?: readonly SyncImplementation[];
}

/** A part of the golden set: the files under one directory, produced together. */
export interface GoldenPart {
  /** The directory, e.g. `sync`; every file of the part is under `<name>/`. */
  readonly name: 'sync' | 'convergence';
  /**
   * Produces the part's files.
   * @param sources - what to produce them from
   * @returns the files
   */
  produce(sources: GoldenSources): GoldenFile[];
}

/** Every part, in the order files are listed. */
export const GOLDEN_PARTS: readonly GoldenPart[] = [
  {
    name: 'convergence',
    produce: () => [claimsGoldenFile(), derivationGoldenFile(), thresholdsGoldenFile()],
  },
  {
    name: 'sync',
    produce: (sources) => {
      const implementations = sources.implementations ?? BUILT_IN_IMPLEMENTATIONS;
      const cases = goldenCases();
      return [...implementations.map((implementation) => implementationGoldenFile(implementation, cases)), findingsGoldenFile(implementations)];
    },
  },
];

/**
 * Produces golden files from the code.
 * @param sources - what to produce them from
 * @param parts - which parts (default: all)
 * @returns the files, sorted by name
 */
export function produceGoldenFiles(sources: GoldenSources = {}, parts: readonly GoldenPart['name'][] = GOLDEN_PARTS.map((p) => p.name)): GoldenFile[] {
  const files = GOLDEN_PARTS.filter((part) => parts.includes(part.name)).flatMap((part) => part.produce(sources));
  return files.sort((a, b) => a.name.localeCompare(b.name));
}

/** One way a golden directory disagrees with the produced files. */
export interface GoldenProblem {
  /** The file's name relative to the directory. */
  readonly file: string;
  /** `missing`, `orphan`, `unreadable` or `changed`. */
  readonly kind: 'missing' | 'orphan' | 'unreadable' | 'changed';
  /** A readable explanation; for `changed`, the record-level diff. */
  readonly detail: string;
}

/**
 * Compares a golden directory with the produced files.
 * @param directory - the directory holding `*.txt` golden files
 * @param produced - the files as the code produces them now
 * @param parts - the parts `produced` holds: a file on disk under one of them that was not produced is an orphan (default: all)
 * @returns every problem; empty when the gate passes
 */
export function compareGoldenDirectory(directory: string, produced: readonly GoldenFile[], parts: readonly GoldenPart['name'][] = GOLDEN_PARTS.map((p) => p.name)): GoldenProblem[] {
  const problems: GoldenProblem[] = [];
  const inScope = (name: string) => parts.some((part) => name.startsWith(`${part}/`)) || !GOLDEN_PARTS.some((part) => name.startsWith(`${part.name}/`));
  const onDisk = new Set(listGoldenFiles(directory).filter(inScope));
  for (const file of produced) {
    if (!onDisk.has(file.name)) {
      problems.push({ file: file.name, kind: 'missing', detail: `${file.name} is produced by the code but not in ${directory}; run npm run golden:update and review it` });
      continue;
    }
    onDisk.delete(file.name);
    const text = readFileSync(join(directory, file.name), 'utf8');
    let expected: GoldenFile;
    try {
      expected = parseGoldenFile(file.name, text);
    } catch (error) {
      if (!(error instanceof GoldenParseError)) throw error;
      problems.push({ file: file.name, kind: 'unreadable', detail: error.message });
      continue;
    }
    const diff = diffGoldenFiles(expected, file);
    if (diff.length > 0 || text !== renderGoldenFile(file)) {
      problems.push({ file: file.name, kind: 'changed', detail: [`${file.name} differs from what the code computes now:`, ...(diff.length ? diff : ['  (formatting only)'])].join('\n') });
    }
  }
  for (const orphan of onDisk) problems.push({ file: orphan, kind: 'orphan', detail: `${orphan} is in ${directory} but no code produces it; delete it or restore its producer` });
  return problems;
}

/**
 * Writes the produced files into a directory and deletes golden files nothing produces.
 * @param directory - the golden directory
 * @param produced - the files to write
 * @returns the names written, left as they were, and deleted
 */
export function writeGoldenDirectory(directory: string, produced: readonly GoldenFile[]): { written: string[]; unchanged: string[]; deleted: string[] } {
  const written: string[] = [];
  const unchanged: string[] = [];
  const producedNames = new Set(produced.map((file) => file.name));
  const deleted = listGoldenFiles(directory).filter((name) => !producedNames.has(name));
  for (const name of deleted) rmSync(join(directory, name));
  for (const file of produced) {
    const path = join(directory, file.name);
    const text = renderGoldenFile(file);
    if (existsSync(path) && readFileSync(path, 'utf8') === text) {
      unchanged.push(file.name);
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    written.push(file.name);
  }
  return { written, unchanged, deleted };
}

/**
 * Lists the golden files (`*.txt`) below a directory, as `/`-separated relative names.
 * @param directory - the directory
 * @returns the names, sorted
 */
export function listGoldenFiles(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.txt'))
    .map((entry) => relative(directory, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}
