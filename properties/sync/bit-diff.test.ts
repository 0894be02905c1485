/**
 * The word-at-a-time searches the laws name their first offending page with
 * (src/sync/laws/bit-diff.ts), on hand-made words whose every expected value is worked out below.
 *
 * The memory: two DirtyMemoryBlocks of 64 pages. Dirty pages: 62 (word 1, bit 30), 70 and 75 (word 2,
 * the second block's first, bits 6 and 11) and 127 (word 3, bit 31).
 */
import { describe, expect, test } from 'vitest';
import type { DirtyMemory } from '../../src/sync/contract.ts';
import { firstSelectedBit, firstSelectedPage, maskInRange, sourceWordAt } from '../../src/sync/laws/bit-diff.ts';

const MEMORY: DirtyMemory = { blockPages: 64, blocks: [Uint32Array.of(0, 0x40000000), Uint32Array.of(0x00000840, 0x80000000)] };

/** Picks the bits that are clear after. */
const clearAfter = (_before: number, after: number): number => ~after;

describe('firstSelectedBit', () => {
  test('returns the first picked bit, numbered from baseBit, and reads no word past the bitmaps', () => {
    const full = Uint32Array.of(0xffffffff, 0xffffffff);
    expect(firstSelectedBit(full, full, clearAfter)).toBeUndefined();
    expect(firstSelectedBit(full, Uint32Array.of(0xffffffff, 0xfffffff7), clearAfter)).toBe(35);
    expect(firstSelectedBit(full, Uint32Array.of(0xffffffff, 0xfffffff7), clearAfter, 128)).toBe(163);
  });

  test("hands the selector each word's first bit number", () => {
    const firstBits: number[] = [];
    firstSelectedBit(new Uint32Array(3), new Uint32Array(3), (_b, _a, firstBit) => (firstBits.push(firstBit), 0), 64);
    expect(firstBits).toEqual([64, 96, 128]);
  });
});

describe('firstSelectedPage', () => {
  test('numbers the pages of later DirtyMemoryBlocks globally', () => {
    const cleared: DirtyMemory = { blockPages: 64, blocks: [Uint32Array.of(0, 0x40000000), Uint32Array.of(0x00000040, 0x80000000)] };
    // Page 75 (second block, bit 11) is clear in `cleared` only.
    expect(firstSelectedPage(MEMORY, cleared, (b, a) => b & ~a)).toBe(75);
    expect(firstSelectedPage(MEMORY, MEMORY, (b, a) => b & ~a)).toBeUndefined();
  });
});

describe('maskInRange', () => {
  test('masks the part of a range that lies in a word, wherever the word starts', () => {
    // Bits 10–13 of a word starting at bit 8 are its bits 2–5.
    expect(maskInRange(8, 10, 4)).toBe(0x0000003c);
    expect(maskInRange(32, 40, 100)).toBe(0xffffff00);
    expect(maskInRange(32, 20, 14)).toBe(0x00000003);
    expect(maskInRange(8, 0, 100)).toBe(0xffffffff);
  });

  test('is 0 when the range and the word do not meet', () => {
    expect(maskInRange(32, 10, 22)).toBe(0);
    expect(maskInRange(32, 64, 4)).toBe(0);
    expect(maskInRange(32, 40, 0)).toBe(0);
  });
});

describe('sourceWordAt', () => {
  test('reads 32 pages from any page on, across a DirtyMemoryBlock boundary', () => {
    // Pages 40–71: 62 is bit 22, 70 is bit 30 (from the second block).
    expect(sourceWordAt(MEMORY, 40)).toBe(0x40400000);
    // Pages 64–95, word-aligned: 70 and 75 are bits 6 and 11.
    expect(sourceWordAt(MEMORY, 64)).toBe(0x00000840);
    // Pages 60–91: 62, 70, 75 are bits 2, 10, 15.
    expect(sourceWordAt(MEMORY, 60)).toBe(0x00008404);
  });

  test('reads pages past the end of memory as clear', () => {
    // Pages 112–143: 127 is bit 15, the rest lie past page 127.
    expect(sourceWordAt(MEMORY, 112)).toBe(0x00008000);
    expect(sourceWordAt(MEMORY, 128)).toBe(0);
  });
});
