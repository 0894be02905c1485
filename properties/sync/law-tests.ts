/**
 * Declares one vitest test per (family, law) for an implementation: the law holds, or, for a known
 * finding of a QEMU model, is broken with a counterexample whose derived cause is one the finding
 * accepts and matches the path the counterexample takes. A failure prints the counterexample and
 * the command that replays it.
 */
import { describe, expect, test } from 'vitest';
import { propertySettingsFromEnv } from '../../src/property-settings.ts';
import { CASE_FAMILIES } from '../../src/sync/case-families.ts';
import type { SyncImplementation } from '../../src/sync/contract.ts';
import { formatCounterexample, replayCommand } from '../../src/sync/counterexample-format.ts';
import { knownFinding } from '../../src/sync/known-findings.ts';
import { checkEntry } from '../../src/sync/law-suite.ts';
import { expectCauseMatchesPath } from './finding-cause-check.ts';
import { LAWS } from '../../src/sync/laws/catalogue.ts';

const settings = propertySettingsFromEnv();

/**
 * Declares the law tests of one implementation.
 * @param implementation - the implementation under test
 */
export function describeLaws(implementation: SyncImplementation): void {
  describe(implementation.name, () => {
    for (const family of CASE_FAMILIES) {
      describe(family.name, () => {
        for (const law of LAWS) {
          const finding = knownFinding(implementation.name, family.name, law.id);
          // L1 compares with the reference, so on the reference itself it could not fail.
          if (law.id === 'L1' && implementation.name === 'reference') continue;
          const name = finding ? `${law.id} is broken, a known finding (${finding.causes.join(' or ')}), explained by the path its counterexample takes` : `${law.id} ${law.statement}`;
          test(name, () => {
            // Known findings are only confirmed here; their shrunk counterexamples are kept by the golden gate.
            const entry = checkEntry(implementation, family, law, settings, true, false);
            const replay = replayCommand(implementation.name, family.name, law.id);
            if (finding) {
              expect(entry.result.counterexample, `known finding no longer found in ${entry.result.runs} runs (seed ${settings.seed})`).toBeDefined();
              expectCauseMatchesPath(law.id, entry.result.counterexample!.observation, finding.causes);
            } else if (entry.result.counterexample) {
              expect.fail(formatCounterexample(entry.result, replay));
            } else {
              expect(entry.result.applicableRuns, `${law.id} constrains none of the ${family.name} cases: the test would be vacuous`).toBeGreaterThan(0);
            }
          });
        }
      });
    }
  });
}
