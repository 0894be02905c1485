/**
 * The findings of the law suite, summarised per (implementation, law): the families where the law is
 * broken and one shrunk counterexample, from the first of them. The golden files and the report both
 * show this, so it is computed in one place.
 */
import type { PropertySettings } from '../property-settings.ts';
import { CASE_FAMILIES } from './case-families.ts';
import type { SyncImplementation } from './contract.ts';
import type { LawCheckResult } from './law-check.ts';
import { checkEntry } from './law-suite.ts';
import { LAWS } from './laws/catalogue.ts';
import type { SyncLaw } from './laws/law.ts';

/** How one law fared on one implementation. */
export interface LawOutcome {
  /** Implementation name. */
  readonly implementation: string;
  /** The law. */
  readonly law: SyncLaw;
  /** Cases run over every family (a broken family stops at its first failing case). */
  readonly cases: number;
  /** Names of the families on which it is broken, in family order; empty when it holds. */
  readonly families: readonly string[];
}

/** One broken law of one implementation. */
export interface LawFinding extends LawOutcome {
  /** The check on the first broken family, with its shrunk counterexample. */
  readonly shown: LawCheckResult;
  /** The check on every broken family, in family order (the first is `shown`); shrunk only with `shrinkEvery`. */
  readonly byFamily: readonly LawCheckResult[];
}

/** Everything found for one implementation. */
export interface ImplementationFindings {
  /** Implementation name. */
  readonly implementation: string;
  /** Every law, in law order. */
  readonly outcomes: readonly LawOutcome[];
  /** The broken laws, in law order; empty when every law holds. */
  readonly findings: readonly LawFinding[];
}

/**
 * Runs every law over every family and summarises what is broken.
 * @param implementations - the implementations
 * @param settings - seed and runs (known findings get the larger search budget of the law suite)
 * @param onProgress - called after each implementation, for progress output
 * @param shrinkEvery - shrink every broken family's counterexample, not only the first (the report
 *   explains each family's counterexample by its own cause)
 * @returns one summary per implementation
 */
export function summariseFindings(
  implementations: readonly SyncImplementation[],
  settings: PropertySettings,
  onProgress: (implementation: string) => void = () => {},
  shrinkEvery = false,
): ImplementationFindings[] {
  return implementations.map((implementation) => {
    const outcomes: LawOutcome[] = [];
    const findings: LawFinding[] = [];
    for (const law of LAWS) {
      const families: string[] = [];
      let cases = 0;
      const byFamily: LawCheckResult[] = [];
      for (const family of CASE_FAMILIES) {
        // Unless told otherwise, only the first broken family's counterexample is shown, so only that one is shrunk.
        const { result } = checkEntry(implementation, family, law, settings, true, shrinkEvery || byFamily.length === 0);
        cases += result.runs;
        if (!result.counterexample) continue;
        families.push(family.name);
        byFamily.push(result);
      }
      const outcome = { implementation: implementation.name, law, cases, families };
      outcomes.push(outcome);
      if (byFamily.length > 0) findings.push({ ...outcome, shown: byFamily[0], byFamily });
    }
    onProgress(implementation.name);
    return { implementation: implementation.name, outcomes, findings };
  });
}
