/**
 * The test of one slice of the whole exhaustive space: one block size and one bitmap pattern, every
 * offset, start and length (536,576 cases). Each slice is a file of its own in `full/`, so vitest's
 * workers share the space; the slice must find broken exactly the pairs its pattern can show.
 */
import { describe } from 'vitest';
import { rangeError } from '../../../src/check.ts';
import { BITMAP_PATTERNS, FULL_SPACE } from './exhaustive-space.ts';
import { expectedBrokenIn } from './known-finding-conditions.ts';
import { testSlice } from './slice-test.ts';

/** A slice's time limit: about 30 s of CPU on an idle core, with room for a loaded machine (ms). */
const SLICE_TIMEOUT_MS = 20 * 60_000;

/**
 * Registers the test of one slice of the full space.
 * @param blockPages - pages per DirtyMemoryBlock, one of the space's block sizes
 * @param patternName - the name of one of `BITMAP_PATTERNS`
 * @throws RangeError when either is not part of the space
 */
export function testFullSpaceSlice(blockPages: number, patternName: string): void {
  if (!FULL_SPACE.blockPages.includes(blockPages)) throw rangeError('testFullSpaceSlice', 'blockPages', `one of ${FULL_SPACE.blockPages.join(', ')}`, blockPages);
  const pattern = BITMAP_PATTERNS.find((candidate) => candidate.name === patternName);
  if (pattern === undefined) throw rangeError('testFullSpaceSlice', 'patternName', `one of ${BITMAP_PATTERNS.map((p) => p.name).join(', ')}`, patternName);
  describe('exhaustive space (full)', () => {
    testSlice({
      spaceName: 'full',
      space: FULL_SPACE,
      label: `${blockPages}-page blocks, ${pattern.name}`,
      slice: { ...FULL_SPACE, blockPages: [blockPages], patterns: [pattern] },
      expectedBroken: expectedBrokenIn(pattern),
      timeoutMs: SLICE_TIMEOUT_MS,
      printSummary: true,
    });
  });
}
