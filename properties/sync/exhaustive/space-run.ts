/**
 * Runs every law for every implementation over every case of a space of the exhaustive grid, and
 * sorts the violations into those a known finding explains and those it does not.
 */
import type { SyncImplementation } from '../../../src/sync/contract.ts';
import { LAWS } from '../../../src/sync/laws/catalogue.ts';
import type { LawId } from '../../../src/sync/laws/law.ts';
import { observeSync } from '../../../src/sync/observation.ts';
import { materialize, type SyncCase } from '../../../src/sync/sync-case.ts';
import { spaceCase, type SpaceDimensions } from './exhaustive-space.ts';
import { explainedByFinding } from './known-finding-conditions.ts';

/** One law broken by one implementation on one case, with the first such case. */
export interface SpaceViolation {
  readonly implementation: string;
  readonly law: LawId;
  readonly cases: number;
  readonly first: { readonly syncCase: SyncCase; readonly message: string };
}

/** A violation found where its finding's condition does not hold (a bug no known finding explains). */
export interface UnexplainedViolation {
  readonly implementation: string;
  readonly law: LawId;
  readonly layout: string;
  readonly message: string;
}

/** What a run over a space found. */
export interface SpaceResult {
  /** Cases run. */
  readonly cases: number;
  /** Law checks made: (case, implementation, law) triples where the law applies. */
  readonly checks: number;
  readonly violations: readonly SpaceViolation[];
  /** The first 20 violations no known finding explains. */
  readonly unexplained: readonly UnexplainedViolation[];
}

const describeLayout = (c: SyncCase) => `blockPages ${c.blockPages}, rb.offsetPage ${c.offsetPage}, rb.pages ${c.pages}; range startPage ${c.startPage} npages ${c.npages}; ${c.family}`;

/**
 * Runs every law for every implementation over every case of a space.
 * @param implementations - the implementations
 * @param space - the dimensions
 * @returns counts, the violations per (implementation, law) and any the known findings do not explain
 */
export function runSpace(implementations: readonly SyncImplementation[], space: SpaceDimensions): SpaceResult {
  const found = new Map<string, { implementation: string; law: LawId; cases: number; first: { syncCase: SyncCase; message: string } }>();
  const unexplained: UnexplainedViolation[] = [];
  let cases = 0;
  let checks = 0;
  for (const blockPages of space.blockPages) {
    for (const pattern of space.patterns) {
      for (const offsetMod of space.offsetMods) {
        for (const startMod of space.startMods) {
          for (const npages of space.lengths) {
            const syncCase = spaceCase(blockPages, pattern, offsetMod, startMod, npages);
            cases++;
            // The laws only read the state before, so every implementation's observation shares one copy.
            const before = materialize(syncCase);
            for (const implementation of implementations) {
              const observation = observeSync(implementation, syncCase, before);
              for (const law of LAWS) {
                if (law.appliesTo !== undefined && !law.appliesTo(syncCase)) continue;
                // L1 compares with the reference, so on the reference itself it cannot fail.
                if (law.id === 'L1' && implementation.name === 'reference') continue;
                checks++;
                const message = law.check(observation);
                if (message === null) continue;
                const key = `${implementation.name} ${law.id}`;
                const entry = found.get(key);
                if (entry === undefined) found.set(key, { implementation: implementation.name, law: law.id, cases: 1, first: { syncCase, message } });
                else entry.cases++;
                if (!explainedByFinding(implementation.name, law.id, syncCase) && unexplained.length < 20) {
                  unexplained.push({ implementation: implementation.name, law: law.id, layout: describeLayout(syncCase), message });
                }
              }
            }
          }
        }
      }
    }
  }
  return { cases, checks, violations: [...found.values()], unexplained };
}
