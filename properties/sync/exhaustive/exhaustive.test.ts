/**
 * The exhaustive small space (`exhaustive-space.ts`). `npm test` runs its word-edge cut-down;
 * `npm run test:exhaustive` (EXHAUSTIVE_SPACE=full) runs all of it. Either way the known findings are
 * asserted exactly: the QEMU models break L1, L2, L5, L7 and L9 and nothing else, each violation where
 * its finding says it can happen, and the reference and wordwise break nothing.
 */
import { describe, expect, test } from 'vitest';
import { BUILT_IN_IMPLEMENTATIONS } from '../../../src/sync/implementations.ts';
import { caseCount, EDGE_SPACE, FULL_SPACE, runSpace, type SpaceDimensions } from './exhaustive-space.ts';

const full = process.env.EXHAUSTIVE_SPACE === 'full';
const dimensions: SpaceDimensions = full ? FULL_SPACE : EDGE_SPACE;

/** (implementation, law) pairs the known findings break somewhere in the space. */
const EXPECTED_BROKEN = ['qemu-pre-patch', 'qemu-landed'].flatMap((implementation) => ['L1', 'L2', 'L5', 'L7', 'L9'].map((law) => `${implementation} ${law}`));

describe(`exhaustive space (${full ? 'full' : 'word edges'})`, () => {
  // Each block size and pattern is a test of its own, so a failure names it and the full run's time is reported in parts.
  for (const blockPages of dimensions.blockPages) {
    for (const pattern of dimensions.patterns) {
      const space: SpaceDimensions = { ...dimensions, blockPages: [blockPages], patterns: [pattern] };
      test(`${blockPages}-page blocks, ${pattern.name}: ${caseCount(space)} cases, every law, every implementation`, () => {
        const started = performance.now();
        const result = runSpace(BUILT_IN_IMPLEMENTATIONS, space);
        expect(result.cases).toBe(caseCount(space));
        expect(result.unexplained).toEqual([]);
        const broken = result.violations.map((v) => `${v.implementation} ${v.law}`);
        expect(broken.every((pair) => EXPECTED_BROKEN.includes(pair)), broken.join(', ')).toBe(true);
        if (full) console.log(`exhaustive ${blockPages}-page blocks, ${pattern.name}: ${result.cases} cases, ${result.checks} law checks, ${broken.length} (implementation, law) pairs broken, ${((performance.now() - started) / 1000).toFixed(1)} s`);
        brokenSomewhere.push(...broken);
      });
    }
  }

  const brokenSomewhere: string[] = [];
  test('over the whole run, each known finding breaks its law somewhere, and nothing else breaks', () => {
    expect([...new Set(brokenSomewhere)].sort()).toEqual([...EXPECTED_BROKEN].sort());
  });
});
