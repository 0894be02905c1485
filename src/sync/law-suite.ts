/**
 * Runs every law over every case family for a set of implementations and compares what it finds
 * with the known findings. Used by the tests, `npm run test:sync`, the golden files and the report.
 */
import type { PropertySettings } from '../property-settings.ts';
import { CASE_FAMILIES, type CaseFamily } from './case-families.ts';
import type { SyncImplementation } from './contract.ts';
import { checkLaw, type LawCheckResult } from './law-check.ts';
import { LAWS } from './laws/catalogue.ts';
import type { SyncLaw } from './laws/law.ts';
import { knownFinding, type KnownFinding } from './known-findings.ts';

/**
 * A known finding is searched for with this many times the runs: a failing run ends the search early,
 * so this costs nothing while the finding is there, and makes "no longer found" a strong signal.
 */
export const KNOWN_FINDING_SEARCH_FACTOR = 10;

/** One checked combination and whether it matched expectations. */
export interface SuiteEntry {
  /** The check's result. */
  readonly result: LawCheckResult;
  /** The known finding for this combination, if any. */
  readonly expected?: KnownFinding;
  /** True when the law was broken exactly when a finding was expected. */
  readonly asExpected: boolean;
}

/**
 * Checks one combination, giving known findings a larger search budget.
 * @param implementation - the sync under test
 * @param family - the case family
 * @param law - the law
 * @param settings - seed and runs
 * @param useKnownFindings - false for plug-ins, which must satisfy every law
 * @param shrinkKnownFindings - false when a known finding's counterexample will not be shown
 * @returns the entry
 */
export function checkEntry(
  implementation: SyncImplementation,
  family: CaseFamily,
  law: SyncLaw,
  settings: PropertySettings,
  useKnownFindings = true,
  shrinkKnownFindings = true,
): SuiteEntry {
  const expected = useKnownFindings ? knownFinding(implementation.name, family.name, law.id) : undefined;
  const runSettings = expected ? { ...settings, numRuns: settings.numRuns * KNOWN_FINDING_SEARCH_FACTOR } : settings;
  const result = checkLaw(implementation, law, family, runSettings, !expected || shrinkKnownFindings);
  return { result, ...(expected ? { expected } : {}), asExpected: (result.counterexample !== undefined) === (expected !== undefined) };
}

/**
 * Checks every (implementation, family, law).
 * @param implementations - the implementations
 * @param settings - seed and runs
 * @param useKnownFindings - false for plug-ins
 * @param onEntry - called after each check (progress)
 * @returns the entries, implementation-major, then family, then law
 */
export function runLawSuite(
  implementations: readonly SyncImplementation[],
  settings: PropertySettings,
  useKnownFindings = true,
  onEntry: (entry: SuiteEntry) => void = () => {},
): SuiteEntry[] {
  const entries: SuiteEntry[] = [];
  for (const implementation of implementations) {
    for (const family of CASE_FAMILIES) {
      for (const law of LAWS) {
        const entry = checkEntry(implementation, family, law, settings, useKnownFindings);
        onEntry(entry);
        entries.push(entry);
      }
    }
  }
  return entries;
}
