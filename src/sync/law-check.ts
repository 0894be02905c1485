/**
 * Checks one law on one implementation over one case family with fast-check, and keeps the shrunk
 * counterexample when the law is broken.
 */
import fc from 'fast-check';
import type { PropertySettings } from '../property-settings.ts';
import type { CaseFamily } from './case-families.ts';
import type { SyncImplementation } from './contract.ts';
import type { LawId, SyncLaw } from './laws/law.ts';
import { observeSync, type SyncObservation } from './observation.ts';
import type { SyncCase } from './sync-case.ts';

/** A shrunk counterexample to a law. */
export interface Counterexample {
  /** The smallest failing case fast-check found. */
  readonly syncCase: SyncCase;
  /** The implementation's run on it. */
  readonly observation: SyncObservation;
  /** The law's one-line description of the violation. */
  readonly violation: string;
  /** fast-check's replay path. */
  readonly path: string;
  /** Shrinking steps taken. */
  readonly shrinks: number;
}

/** The outcome of checking one (implementation, family, law). */
export interface LawCheckResult {
  /** Implementation name. */
  readonly implementation: string;
  /** Family name. */
  readonly family: string;
  /** The law. */
  readonly law: LawId;
  /** Cases run (up to and including the first failure). */
  readonly runs: number;
  /** Of the cases generated (shrinking included), those the law constrains (see `SyncLaw.appliesTo`). */
  readonly applicableRuns: number;
  /** The seed used. */
  readonly seed: number;
  /** Present iff the law is broken. */
  readonly counterexample?: Counterexample;
}

/**
 * The number of runs a family gets under the given settings.
 * @param family - the family
 * @param settings - the run settings
 * @returns at least one run
 */
export function runsFor(family: CaseFamily, settings: PropertySettings): number {
  return Math.max(1, Math.round(settings.numRuns * family.runsScale));
}

/**
 * Runs the law over the family's cases.
 * @param implementation - the sync under test
 * @param law - the law
 * @param family - the case family
 * @param settings - seed, runs and optional replay path
 * @param shrink - false to keep the first failing case as found (when only "is it broken" matters)
 * @returns the result, with a (by default shrunk) counterexample when the law is broken
 * @throws Error when fast-check gave up without a counterexample (too many skipped cases)
 */
export function checkLaw(implementation: SyncImplementation, law: SyncLaw, family: CaseFamily, settings: PropertySettings, shrink = true): LawCheckResult {
  let applicableRuns = 0;
  const property = fc.property(family.arbitrary, (syncCase) => {
    if (law.appliesTo?.(syncCase) ?? true) applicableRuns++;
    return law.check(observeSync(implementation, syncCase)) === null;
  });
  const details = fc.check(property, {
    seed: settings.seed,
    numRuns: runsFor(family, settings),
    endOnFailure: !shrink,
    ...(settings.path ? { path: settings.path } : {}),
  });
  const result = { implementation: implementation.name, family: family.name, law: law.id, runs: details.numRuns, applicableRuns, seed: settings.seed };
  if (!details.failed) return result;
  // fast-check also fails without a counterexample, when it skipped too many cases (`fc.pre` in a
  // law or a generator): then too few cases were checked for the law to read as holding.
  if (details.counterexample === null) throw new Error(`checkLaw: ${law.id} on family ${family.name} skipped ${details.numSkips} cases after ${details.numRuns} runs and gave no counterexample`);
  const [syncCase] = details.counterexample;
  const observation = observeSync(implementation, syncCase);
  return {
    ...result,
    counterexample: {
      syncCase,
      observation,
      violation: law.check(observation) ?? 'the law held when the counterexample was replayed (a non-deterministic implementation?)',
      path: details.counterexamplePath ?? '',
      shrinks: details.numShrinks,
    },
  };
}
