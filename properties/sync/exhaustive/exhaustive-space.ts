/**
 * The exhaustive small space, in the manner of Linux's `lib/test_bitmap.c` next to fast-check's
 * random search: every RAMBlock offset within a 64-page word, every range start within a word and
 * every length 0..130, over DirtyMemoryBlocks of 64 and 128 pages and fixed bitmap patterns, each
 * case checked against every law for every implementation.
 *
 * Layout of a case: the RAMBlock starts `offsetMod` pages into the second DirtyMemoryBlock, the range
 * starts `startMod` pages into the RAMBlock and runs to its end, and memory ends with the RAMBlock's
 * DirtyMemoryBlock; long ranges cross into the third block.
 */
import { buildCase, type BitmapFill } from '../../../src/sync/case-arbitraries.ts';
import { rangeError } from '../../../src/check.ts';
import type { SyncCase } from '../../../src/sync/sync-case.ts';

/** A fixed pair of fills: the source bitmap around the RAMBlock and its `bmap`. */
export interface BitmapPattern {
  readonly name: string;
  readonly source: BitmapFill;
  readonly bmap: BitmapFill;
}

/** A fixed pseudo-random word sequence (a 32-bit LCG), the same on every run. */
function fixedRandomWords(seed: number, count: number): number[] {
  const words: number[] = [];
  let state = seed >>> 0;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    words.push(state);
  }
  return words;
}

/** The patterns: all ones, alternating, one bit at each word edge, and a fixed random set. */
export const BITMAP_PATTERNS: readonly BitmapPattern[] = [
  { name: 'all ones', source: { kind: 'ones', words: [] }, bmap: { kind: 'pattern', words: [] } },
  { name: 'alternating', source: { kind: 'repeat', words: [0x55555555] }, bmap: { kind: 'repeat', words: [0xaaaaaaaa, 0x55555555] } },
  // Bits 0 and 31 of every 32-bit word are bits 0, 31, 32 and 63 of every 64-bit word; bmap all ones,
  // so every harvested page is already pending.
  { name: 'word edges', source: { kind: 'repeat', words: [0x80000001] }, bmap: { kind: 'ones', words: [] } },
  { name: 'fixed random', source: { kind: 'repeat', words: fixedRandomWords(20251215, 23) }, bmap: { kind: 'repeat', words: fixedRandomWords(1215, 7) } },
];

/** Which values of each dimension a run covers. */
export interface SpaceDimensions {
  readonly offsetMods: readonly number[];
  readonly startMods: readonly number[];
  readonly lengths: readonly number[];
  readonly blockPages: readonly number[];
  readonly patterns: readonly BitmapPattern[];
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The whole space: 64 × 64 × 131 layouts per block size and pattern. */
export const FULL_SPACE: SpaceDimensions = { offsetMods: range(0, 63), startMods: range(0, 63), lengths: range(0, 130), blockPages: [64, 128], patterns: BITMAP_PATTERNS };

/** The cut-down space `npm test` runs: offsets at the 32-bit and 64-bit word edges, starts and lengths at a few, every block size and pattern. */
export const EDGE_SPACE: SpaceDimensions = { offsetMods: [0, 1, 31, 32, 33, 63], startMods: [0, 31, 32, 63], lengths: [0, 1, 32, 63, 64, 65, 128, 130], blockPages: [64, 128], patterns: BITMAP_PATTERNS };

/**
 * Counts the cases of a space.
 * @param space - the dimensions
 * @returns the number of cases
 */
export function caseCount(space: SpaceDimensions): number {
  return space.offsetMods.length * space.startMods.length * space.lengths.length * space.blockPages.length * space.patterns.length;
}

/**
 * Builds one case of the space.
 * @returns the case
 */
export function spaceCase(blockPages: number, pattern: BitmapPattern, offsetMod: number, startMod: number, npages: number): SyncCase {
  const layout = { blockPages, offsetPage: blockPages + offsetMod, pages: startMod + npages, startPage: startMod, npages, splitAfter: npages >>> 1, endsMemory: true };
  return buildCase(`exhaustive ${pattern.name}`, layout, pattern.source, pattern.bmap, 0);
}


/**
 * Which space a run covers, from `EXHAUSTIVE_SPACE`: `full` runs all of it (in
 * `properties/sync/exhaustive/full/`, one file per block size and pattern, which vitest's config
 * leaves out otherwise); unset or empty, only the word-edge cut-down.
 * @param env - the environment (default `process.env`)
 * @returns `full` or `word edges`
 * @throws RangeError when the variable is set to anything else
 */
export function exhaustiveSpaceFromEnv(env: NodeJS.ProcessEnv = process.env): 'full' | 'word edges' {
  const value = env.EXHAUSTIVE_SPACE?.trim() ?? '';
  if (value === 'full') return 'full';
  if (value === '') return 'word edges';
  throw rangeError('exhaustiveSpaceFromEnv', 'EXHAUSTIVE_SPACE', '"full" or unset', env.EXHAUSTIVE_SPACE);
}
