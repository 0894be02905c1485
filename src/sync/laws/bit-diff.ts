/**
 * Word-at-a-time searches over a bitmap's state before and after a sync, used by the laws to name the
 * first page where a law is broken.
 */
import type { DirtyMemory } from '../contract.ts';
import { rangeMask } from '../../bitmap/word.ts';

/** Picks, from a word before and after, the bits that break a law (0 when none does). */
export type BitSelector = (before: number, after: number, firstBit: number) => number;

/**
 * Finds the first bit that `select` picks in two equally long bitmaps.
 * @param before - the bitmap before
 * @param after - the bitmap after
 * @param select - picks offending bits from a word pair; gets the index of the word's first bit
 * @param baseBit - bit number of `before[0]`'s bit 0 (for DirtyMemoryBlocks, the block's first global page)
 * @returns the bit number, or undefined when no bit is picked
 */
export function firstSelectedBit(before: Uint32Array, after: Uint32Array, select: BitSelector, baseBit = 0): number | undefined {
  for (let index = 0; index < before.length; index++) {
    const firstBit = baseBit + index * 32;
    const bits = select(before[index], after[index], firstBit) >>> 0;
    if (bits !== 0) return firstBit + 31 - Math.clz32(bits & -bits);
  }
  return undefined;
}

/**
 * Finds the first global source page that `select` picks across all DirtyMemoryBlocks.
 * @param before - the memory before
 * @param after - the memory after
 * @param select - picks offending bits from a word pair; gets the global page of the word's bit 0
 * @returns the global page, or undefined
 */
export function firstSelectedPage(before: DirtyMemory, after: DirtyMemory, select: BitSelector): number | undefined {
  for (let block = 0; block < before.blocks.length; block++) {
    const page = firstSelectedBit(before.blocks[block], after.blocks[block], select, block * before.blockPages);
    if (page !== undefined) return page;
  }
  return undefined;
}

/**
 * The mask of the bits of a word that lie in a bit range.
 * @param firstBit - the bit number of the word's bit 0
 * @param start - the range's first bit
 * @param count - the range's length
 * @returns the mask (0 when the word and range do not meet)
 */
export function maskInRange(firstBit: number, start: number, count: number): number {
  const from = Math.max(start, firstBit);
  const to = Math.min(start + count, firstBit + 32);
  return from < to ? rangeMask(from - firstBit, to - from) : 0;
}

/**
 * The source bits of 32 consecutive global pages as one word, page `firstPage + i` as bit `i`, across
 * DirtyMemoryBlock boundaries; pages past the end of memory read as 0.
 * @param mem - the memory
 * @param firstPage - the global page of bit 0 (non-negative)
 * @returns the word, unsigned
 */
export function sourceWordAt(mem: DirtyMemory, firstPage: number): number {
  const word = Math.floor(firstPage / 32);
  const shift = firstPage % 32;
  const low = memoryWord(mem, word) >>> shift;
  // A shift by 32 is a shift by 0 in JavaScript, so a word-aligned page reads one word only.
  return shift === 0 ? low : (low | (memoryWord(mem, word + 1) << (32 - shift))) >>> 0;
}

/** Word `word` of the memory's blocks laid end to end, 0 past the last block. */
function memoryWord(mem: DirtyMemory, word: number): number {
  const wordsPerBlock = mem.blockPages / 32;
  const block = mem.blocks[Math.floor(word / wordsPerBlock)];
  return block === undefined ? 0 : block[word % wordsPerBlock];
}
