/**
 * The building blocks of generated cases do what their documentation says: bitmap words of every
 * promised shape, fills that place their pattern word by word, and a case built from a layout worked
 * out here on paper, field by field.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { bitmapWord, buildCase, fillWord, type BitmapFill } from '../../src/sync/case-arbitraries.ts';

/** The sample is fixed: these tests count shapes in it, they are not properties over every seed. */
const SAMPLE_SEED = 20251215;

const setBits = (word: number) => {
  let count = 0;
  for (let bit = 0; bit < 32; bit++) count += (word >>> bit) & 1;
  return count;
};

const fill = (kind: BitmapFill['kind'], words: number[]): BitmapFill => ({ kind, words });

describe('bitmapWord', () => {
  test('gives zero, all-ones, one-bit, all-but-one-bit and other words, all unsigned 32-bit', () => {
    const words = fc.sample(bitmapWord, { seed: SAMPLE_SEED, numRuns: 400 });
    for (const word of words) expect(Number.isInteger(word) && word >= 0 && word <= 0xffffffff, `word ${word}`).toBe(true);
    const counts = new Map<string, number>();
    const shape = (word: number) => ({ 0: 'zero', 1: 'one bit', 31: 'all but one bit', 32: 'all ones' })[setBits(word)] ?? 'other';
    for (const word of words) counts.set(shape(word), (counts.get(shape(word)) ?? 0) + 1);
    // Weights 3 : 4 : 2 : 1 : 1 over 11; a random word has 1 or 31 bits set once in 10^8.
    for (const name of ['zero', 'one bit', 'all but one bit', 'all ones', 'other']) expect(counts.get(name) ?? 0, name).toBeGreaterThanOrEqual(10);
  });
});

describe('fillWord', () => {
  test('a pattern gives its words, then zeros', () => {
    expect([0, 1, 2, 3].map((index) => fillWord(fill('pattern', [5, 7]), index))).toEqual([5, 7, 0, 0]);
  });

  test('a repeated pattern starts over after its last word', () => {
    expect([0, 1, 2, 3, 4].map((index) => fillWord(fill('repeat', [5, 7, 9]), index))).toEqual([5, 7, 9, 5, 7]);
  });

  test('ones gives all-ones words whatever its pattern; an empty pattern gives zeros, repeated or not', () => {
    expect([0, 30].map((index) => fillWord(fill('ones', [5]), index))).toEqual([0xffffffff, 0xffffffff]);
    expect([0, 3].map((index) => fillWord(fill('repeat', []), index))).toEqual([0, 0]);
    expect([0, 3].map((index) => fillWord(fill('pattern', []), index))).toEqual([0, 0]);
  });
});

describe('buildCase', () => {
  test('fills the source over the RAMBlock and two 32-bit words either side, counted from the first of them', () => {
    // Pages [100, 128) lie in 32-bit word 3; the fill covers words 1 to 5 of the 4 blocks of 2 words
    // (memory runs 64 pages past the end, rounded to whole blocks: floor((128 + 64) / 64) + 1 = 4).
    const layout = { blockPages: 64, offsetPage: 100, pages: 28, startPage: 3, npages: 20, splitAfter: 50 };
    const syncCase = buildCase('by-hand', layout, fill('pattern', [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77]), fill('repeat', [0xa, 0xb, 0xc]), 1);
    expect(syncCase).toStrictEqual({
      family: 'by-hand',
      blockPages: 64,
      source: [Uint32Array.of(0, 0x11), Uint32Array.of(0x22, 0x33), Uint32Array.of(0x44, 0x55), Uint32Array.of(0, 0)],
      offsetPage: 100,
      pages: 28,
      // 28 pages and one spare 64-bit word: two 64-bit words.
      bmap: Uint32Array.of(0xa, 0xb, 0xc, 0xa),
      startPage: 3,
      npages: 20,
      // The split is clamped to the range: 3 + min(50, 20).
      splitPage: 23,
    });
  });

  test('at the end of memory the fill stops where memory does, and the neighbour is recorded', () => {
    // Pages [100, 168) with the neighbour: memory is the 3 blocks up to page 192, words 1 to 5 are filled.
    const layout = { blockPages: 64, offsetPage: 100, pages: 28, startPage: 0, npages: 28, splitAfter: 0, neighbourPages: 40, endsMemory: true };
    const syncCase = buildCase('by-hand', layout, fill('ones', []), fill('pattern', []), 0);
    expect(syncCase.source).toStrictEqual([Uint32Array.of(0, 0xffffffff), Uint32Array.of(0xffffffff, 0xffffffff), Uint32Array.of(0xffffffff, 0xffffffff)]);
    expect(syncCase.neighbourPages).toBe(40);
  });

  test('an empty RAMBlock on a block boundary at the end of memory still has the block it starts in', () => {
    const layout = { blockPages: 64, offsetPage: 128, pages: 0, startPage: 0, npages: 0, splitAfter: 0, endsMemory: true };
    expect(buildCase('by-hand', layout, fill('ones', []), fill('pattern', []), 0).source).toHaveLength(3);
    expect(buildCase('by-hand', { ...layout, offsetPage: 0 }, fill('ones', []), fill('pattern', []), 0).source).toHaveLength(1);
  });
});
