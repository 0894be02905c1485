/**
 * The findings of the law suite, summarised per (implementation, law): the families where the law is
 * broken and one shrunk counterexample, from the first of them. The golden files and the report both
 * show this, so it is computed in one place.
 */
import type { PropertySettings } from '../property-settings.ts';
import { CASE_FAMILIES } from './case-families.ts';
import type { SyncImplementation } from './contract.ts';
import { checkLaw, type LawCheckResult } from './law-check.ts';
import { checkEntry, KNOWN_FINDING_SEARCH_FACTOR } from './law-suite.ts';
import { LAWS } from './laws/catalogue.ts';
import type { SyncLaw } from './laws/law.ts';

/** One broken law of one implementation. */
export interface LawFinding {
  /** Implementation name. */
  readonly implementation: string;
  /** The law. */
  readonly law: SyncLaw;
  /** Names of the families on which it is broken, in family order. */
  readonly families: readonly string[];
  /** The check on the first of those families, with its shrunk counterexample. */
  readonly shown: LawCheckResult;
}

/** Everything found for one implementation. */
export interface ImplementationFindings {
  /** Implementation name. */
  readonly implementation: string;
  /** Cases run, over every family and law. */
  readonly cases: number;
  /** The broken laws, in law order; empty when every law holds. */
  readonly findings: readonly LawFinding[];
}

/**
 * Runs every law over every family and summarises what is broken.
 * @param implementations - the implementations
 * @param settings - seed and runs (known findings get the larger search budget of the law suite)
 * @param onProgress - called after each implementation, for progress output
 * @returns one summary per implementation
 */
export function summariseFindings(
  implementations: readonly SyncImplementation[],
  settings: PropertySettings,
  onProgress: (implementation: string) => void = () => {},
): ImplementationFindings[] {
  return implementations.map((implementation) => {
    let cases = 0;
    const findings: LawFinding[] = [];
    for (const law of LAWS) {
      const broken: string[] = [];
      for (const family of CASE_FAMILIES) {
        const { result } = checkEntry(implementation, family, law, settings, true, false);
        cases += result.runs;
        if (result.counterexample) broken.push(family.name);
      }
      if (broken.length === 0) continue;
      const family = CASE_FAMILIES.find((f) => f.name === broken[0])!;
      const shown = checkLaw(implementation, law, family, { ...settings, numRuns: settings.numRuns * KNOWN_FINDING_SEARCH_FACTOR });
      findings.push({ implementation: implementation.name, law, families: broken, shown });
    }
    onProgress(implementation.name);
    return { implementation: implementation.name, cases, findings };
  });
}
