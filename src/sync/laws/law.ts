/**
 * What a law is: a named claim of docs/specification.md and a pure check over one observation that returns the
 * first way the observation breaks it, or null.
 */
import { describeValue } from '../../check.ts';
import type { SyncObservation, SyncRun } from '../observation.ts';
import type { SyncCase } from '../sync-case.ts';

/** The law identifiers of docs/specification.md. */
export type LawId = 'L1' | 'L2' | 'L3' | 'L4' | 'L5' | 'L6' | 'L7' | 'L8' | 'L9';

/** A law every implementation must satisfy. */
export interface SyncLaw {
  /** `L1` … `L9`. */
  readonly id: LawId;
  /** One word, e.g. `locality`. */
  readonly name: string;
  /** The claim in the present tense, used as the test name. */
  readonly statement: string;
  /**
   * Checks the law on one observation.
   * @param observation - the observation
   * @returns a one-line description of the first violation, or null when the law holds
   */
  check(observation: SyncObservation): string | null;
  /**
   * For a law with a precondition (L8: an empty range), whether it says anything about a case; the
   * suite counts such cases so that a family on which a law is vacuous shows up.
   * @param syncCase - the case
   * @returns true when the law constrains this case
   */
  appliesTo?(syncCase: SyncCase): boolean;
}

/**
 * Builds a law whose check first fails when the implementation threw on the valid input, since a
 * throw breaks every law.
 * @param law - the law, with a check that may assume the run completed
 * @returns the law
 */
export function defineLaw(law: SyncLaw): SyncLaw {
  return {
    ...law,
    check: (observation) => thrownBy(observation.whole) ?? law.check(observation),
  };
}

/**
 * Describes an exception thrown by a run, or returns null when it completed.
 * @param run - the run
 * @returns the description or null
 */
export function thrownBy(run: SyncRun): string | null {
  if (!('thrown' in run)) return null;
  const { thrown } = run;
  const text = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : describeValue(thrown);
  return `the implementation threw on a valid input: ${text}`;
}
