/**
 * Finds and shrinks a case that crashes a native plug-in, as fast-check shrinks any counterexample:
 * the property "this case does not crash" runs over the family that crashed, with the law check's
 * seed, each case asked of the crash probe in a process of its own. The law check's first cases are
 * the same cases in the same order, so a crash among them is found again at the same run.
 */
import fc from 'fast-check';
import type { PropertySettings } from '../../property-settings.ts';
import type { CaseFamily } from '../case-families.ts';
import { runsFor } from '../law-check.ts';
import type { LawId } from '../laws/law.ts';
import type { SyncCase } from '../sync-case.ts';
import type { CrashProbe } from './crash-probe.ts';

/** The smallest crashing case found. */
export interface ShrunkCrash {
  /** The case. */
  readonly syncCase: SyncCase;
  /** The crash signal on it. */
  readonly signal: string;
  /** The call in flight: an index into `callsOfCheck(syncCase, law)` flattened. */
  readonly callIndex: number;
  /** Cases run before the first crash. */
  readonly runs: number;
  /** Shrinking steps taken. */
  readonly shrinks: number;
  /** fast-check's replay path, which replays the law check on this case too. */
  readonly path: string;
  /** The page guards' description of the access, when the crash was one. */
  readonly fault?: string;
}

/**
 * Looks for a crashing case over the family and shrinks it.
 * @param probe - the probe bound to the plug-in's library
 * @param family - the family the crash happened on
 * @param law - the law being checked (L9 makes more calls per case)
 * @param settings - the law check's seed, runs and path
 * @returns the smallest crashing case, or undefined when none of the family's cases crashes (the
 * crash happened on a case the law check met while shrinking a broken law)
 */
export function shrinkCrash(probe: CrashProbe, family: CaseFamily, law: LawId, settings: PropertySettings): ShrunkCrash | undefined {
  const property = fc.property(family.arbitrary, (syncCase) => probe.probe(syncCase, law).signal === null);
  const details = fc.check(property, {
    seed: settings.seed,
    numRuns: runsFor(family, settings),
    ...(settings.path ? { path: settings.path } : {}),
  });
  if (!details.failed || details.counterexample === null) return undefined;
  const [syncCase] = details.counterexample;
  const { signal, callIndex, fault } = probe.probe(syncCase, law);
  if (signal === null) return undefined;
  return { syncCase, signal, callIndex: callIndex ?? 0, runs: details.numRuns, shrinks: details.numShrinks, path: details.counterexamplePath ?? '', ...(fault ? { fault } : {}) };
}
