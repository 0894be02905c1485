/**
 * Operations on one 32-bit bitmap word. Bit `i` of a word is `(word >>> i) & 1`; every result is
 * kept unsigned with `>>> 0` so words compare equal to the values stored in a `Uint32Array`.
 */

/** Bits per bitmap word of the model (`Uint32Array` elements). */
export const BITS_PER_WORD = 32;

/** Bits per QEMU bitmap word on a 64-bit host (`BITS_PER_LONG`). */
export const BITS_PER_LONG = 64;

/**
 * Counts the set bits of a 32-bit word (SWAR popcount; no loop, no table).
 * @param word - the word, read as unsigned
 * @returns the number of set bits, 0..32
 */
export function countOnes(word: number): number {
  let x = word - ((word >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * The mask of the low `count` bits of a word.
 * @param count - number of bits, 0..32
 * @returns the mask, unsigned
 */
export function lowMask(count: number): number {
  // A shift by 32 is a shift by 0 in JavaScript, so the full word is a separate case.
  return count >= BITS_PER_WORD ? 0xffffffff : ((1 << count) - 1) >>> 0;
}

/**
 * The mask of bits `[first, first + count)` of one word; the range must lie inside the word.
 * @param first - the first bit, 0..31
 * @param count - number of bits, 0..32 - first
 * @returns the mask, unsigned
 */
export function rangeMask(first: number, count: number): number {
  return (lowMask(count) << first) >>> 0;
}
