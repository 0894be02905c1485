/**
 * Bitmaps as `Uint32Array`s: bit `i` is `(a[i >>> 5] >>> (i & 31)) & 1`. Every bitmap is allocated
 * in whole 64-bit words, so a `BigUint64Array` view of the same buffer numbers bits as QEMU does on a
 * little-endian 64-bit host.
 */
import { BITS_PER_LONG, countOnes, rangeMask } from './word.ts';

/**
 * The number of `Uint32Array` elements a bitmap of `nbits` bits takes, rounded up to whole 64-bit words.
 * @param nbits - bits the bitmap must hold
 * @returns an even element count
 */
export function wordsForBits(nbits: number): number {
  return Math.ceil(nbits / BITS_PER_LONG) * 2;
}

/**
 * Allocates a bitmap of at least `nbits` bits in whole 64-bit words.
 * @param nbits - bits the bitmap must hold
 * @param fill - `'zeros'` (default) or `'ones'`; QEMU starts a RAMBlock's `bmap` all ones
 * @returns the bitmap
 */
export function allocateBitmap(nbits: number, fill: 'zeros' | 'ones' = 'zeros'): Uint32Array {
  const bitmap = new Uint32Array(wordsForBits(nbits));
  if (fill === 'ones') bitmap.fill(0xffffffff);
  return bitmap;
}

/**
 * Reads bit `bit`.
 * @param bitmap - the bitmap
 * @param bit - the bit index
 * @returns true when the bit is set
 */
export function testBit(bitmap: Uint32Array, bit: number): boolean {
  return ((bitmap[bit >>> 5] >>> (bit & 31)) & 1) === 1;
}

/**
 * Clears bit `bit` and reports whether it was set (QEMU's `test_and_clear_bit`).
 * @param bitmap - the bitmap
 * @param bit - the bit index
 * @returns true when the bit was set before the call
 */
export function testAndClear(bitmap: Uint32Array, bit: number): boolean {
  const index = bit >>> 5;
  const mask = 1 << (bit & 31);
  const was = (bitmap[index] & mask) !== 0;
  bitmap[index] &= ~mask;
  return was;
}

/**
 * Sets bit `bit` and reports whether it was set (QEMU's `test_and_set_bit`).
 * @param bitmap - the bitmap
 * @param bit - the bit index
 * @returns true when the bit was set before the call
 */
export function testAndSet(bitmap: Uint32Array, bit: number): boolean {
  const index = bit >>> 5;
  const mask = 1 << (bit & 31);
  const was = (bitmap[index] & mask) !== 0;
  bitmap[index] |= mask;
  return was;
}

/**
 * Sets bits `[start, start + count)` (QEMU's `bitmap_set`).
 * @param bitmap - the bitmap
 * @param start - the first bit
 * @param count - number of bits
 */
export function setRange(bitmap: Uint32Array, start: number, count: number): void {
  forEachWordOfRange(start, count, (index, mask) => {
    bitmap[index] |= mask;
  });
}

/**
 * Counts the set bits in `[start, start + count)` (QEMU's `bitmap_count_one_with_offset`).
 * @param bitmap - the bitmap
 * @param start - the first bit
 * @param count - number of bits
 * @returns the number of set bits
 */
export function countOnesInRange(bitmap: Uint32Array, start: number, count: number): number {
  let total = 0;
  forEachWordOfRange(start, count, (index, mask) => {
    total += countOnes(bitmap[index] & mask);
  });
  return total;
}

/**
 * Visits the words of the bit range `[start, start + count)`: first word, full words, last word,
 * each with the mask of the range's bits in it.
 * @param start - the first bit
 * @param count - number of bits
 * @param visit - called with the word index and the mask of in-range bits
 */
export function forEachWordOfRange(start: number, count: number, visit: (index: number, mask: number) => void): void {
  let bit = start;
  const end = start + count;
  while (bit < end) {
    const inWord = Math.min(32 - (bit & 31), end - bit);
    visit(bit >>> 5, rangeMask(bit & 31, inWord));
    bit += inWord;
  }
}
