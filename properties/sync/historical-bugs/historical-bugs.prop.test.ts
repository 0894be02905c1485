/**
 * Each historical bug must be caught: its law is broken on a case where the landed model keeps it, so
 * the law tells the bug from the fixed code (not merely from the spec).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { propertySettingsFromEnv } from '../../../src/property-settings.ts';
import { CASE_FAMILIES } from '../../../src/sync/case-families.ts';
import { describeLayout } from '../../../src/sync/counterexample-format.ts';
import { lawById } from '../../../src/sync/laws/catalogue.ts';
import { observeSync } from '../../../src/sync/observation.ts';
import { qemuLanded } from '../../../src/sync/qemu-landed.ts';
import { HISTORICAL_BUGS } from './variants.ts';

const settings = propertySettingsFromEnv();

describe('historical bugs', () => {
  for (const bug of HISTORICAL_BUGS) {
    test(`${bug.law} catches ${bug.id}: ${bug.story}`, () => {
      const law = lawById(bug.law);
      const family = CASE_FAMILIES.find((f) => f.name === bug.family);
      expect(family, bug.family).toBeDefined();
      const tellsApart = fc.property(family!.arbitrary, (syncCase) => {
        const bugViolation = law.check(observeSync(bug.implementation, syncCase));
        return !(bugViolation !== null && law.check(observeSync(qemuLanded, syncCase)) === null);
      });
      const details = fc.check(tellsApart, { seed: settings.seed, numRuns: 10 * settings.numRuns });
      expect(details.failed, `${bug.id} was not caught by ${bug.law} on ${bug.family} in ${details.numRuns} runs`).toBe(true);
      const [syncCase] = details.counterexample!;
      expect(law.check(observeSync(bug.implementation, syncCase)), describeLayout(syncCase)).not.toBeNull();
      expect(law.check(observeSync(qemuLanded, syncCase)), describeLayout(syncCase)).toBeNull();
    });
  }
});
