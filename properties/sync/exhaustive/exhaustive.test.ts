/**
 * The word-edge cut-down of the exhaustive small space (`exhaustive-space.ts`), which `npm test` runs;
 * the whole space is in `full/`, run when EXHAUSTIVE_SPACE=full (`npm run test:exhaustive`, CI). The
 * known findings are asserted exactly: the QEMU models break L1, L2, L5, L7 and L9 and nothing else,
 * each violation where its finding says it can happen, and the reference and wordwise break nothing.
 */
import { describe, expect, test } from 'vitest';
import { EDGE_SPACE, exhaustiveSpaceFromEnv, type SpaceDimensions } from './exhaustive-space.ts';
import { EXPECTED_BROKEN } from './known-finding-conditions.ts';
import { testSlice } from './slice-test.ts';

test('EXHAUSTIVE_SPACE is "full" or unset', () => {
  expect(['full', 'word edges']).toContain(exhaustiveSpaceFromEnv());
});

describe('exhaustive space (word edges)', () => {
  const brokenSomewhere = new Set<string>();
  // Each block size and pattern is a test of its own, so a failure names it.
  for (const blockPages of EDGE_SPACE.blockPages) {
    for (const pattern of EDGE_SPACE.patterns) {
      const slice: SpaceDimensions = { ...EDGE_SPACE, blockPages: [blockPages], patterns: [pattern] };
      testSlice({
        spaceName: 'word edges',
        space: EDGE_SPACE,
        label: `${blockPages}-page blocks, ${pattern.name}`,
        slice,
        onBroken: (pairs) => pairs.forEach((pair) => brokenSomewhere.add(pair)),
        timeoutMs: 60_000,
        printSummary: false,
      });
    }
  }

  test('over the whole cut-down, each known finding breaks its law somewhere, and nothing else breaks', () => {
    expect([...brokenSomewhere].sort()).toEqual(EXPECTED_BROKEN);
  });
});
