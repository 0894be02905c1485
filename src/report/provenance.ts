/**
 * Where a report came from: the commit it was built at, when, the package version, and the seed and
 * runs of its properties, so that a reader can rebuild exactly the same report.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PropertySettings } from '../property-settings.ts';

/** The facts a report header shows. */
export interface Provenance {
  /** `git describe`-style commit, with `-dirty` for uncommitted changes, or a note when not in a checkout. */
  readonly commit: string;
  /** When the report was built (ISO 8601, UTC, to the second). */
  readonly date: string;
  readonly packageVersion: string;
  readonly seed: number;
  readonly numRuns: number;
}

const ROOT = resolve(import.meta.dirname, '../..');

function currentCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
    return dirty ? `${commit}-dirty` : commit;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

/**
 * Collects the provenance of a report built now.
 * @param settings - the seed and runs the report's properties used
 * @param now - the build time (default: now)
 * @returns the provenance
 */
export function reportProvenance(settings: PropertySettings, now: Date = new Date()): Provenance {
  const { version } = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string };
  return { commit: currentCommit(), date: `${now.toISOString().slice(0, 19)}Z`, packageVersion: version, seed: settings.seed, numRuns: settings.numRuns };
}

/**
 * The provenance as (label, value) pairs for the report header.
 * @param provenance - from `reportProvenance`
 * @returns the pairs, in reading order
 */
export function provenanceLines(provenance: Provenance): [string, string][] {
  return [
    ['commit', `\`${provenance.commit}\``],
    ['built', provenance.date],
    ['version', `dirty-sync-oracle ${provenance.packageVersion}`],
    ['seed', `${provenance.seed} (FC_SEED)`],
    ['runs', `${provenance.numRuns} per property (FC_NUM_RUNS), scaled per case family; known findings searched with 10×`],
  ];
}
