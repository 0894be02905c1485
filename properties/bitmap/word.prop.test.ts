/**
 * The word and bitmap helpers agree with bit-by-bit definitions.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { allocateBitmap, countOnesInRange, forEachWordOfRange, setRange, testAndClear, testAndSet, testBit } from '../../src/bitmap/bitmap.ts';
import { countOnes, lowMask, rangeMask } from '../../src/bitmap/word.ts';
import { property } from '../fast-check-property.ts';

const RUNS = 100;
const word = fc.integer({ min: 0, max: 0xffffffff });
const bitRange = fc.integer({ min: 0, max: 31 }).chain((first) => fc.tuple(fc.constant(first), fc.integer({ min: 0, max: 32 - first })));
const range = fc.integer({ min: 0, max: 300 }).chain((start) => fc.tuple(fc.constant(start), fc.integer({ min: 0, max: 300 })));

function naiveCount(value: number): number {
  let count = 0;
  for (let bit = 0; bit < 32; bit++) count += (value >>> bit) & 1;
  return count;
}

describe('word helpers', () => {
  test('countOnes counts the set bits', property([word], (value) => {
    expect(countOnes(value)).toBe(naiveCount(value));
  }, RUNS));

  test('lowMask sets exactly the low count bits', property([fc.integer({ min: 0, max: 32 })], (count) => {
    expect(naiveCount(lowMask(count))).toBe(count);
    expect(lowMask(count) >>> 0).toBe(lowMask(count));
    if (count < 32) expect(lowMask(count) >>> count).toBe(0);
  }, RUNS));

  test('rangeMask sets exactly bits [first, first + count)', property([bitRange], ([first, count]) => {
    const mask = rangeMask(first, count);
    for (let bit = 0; bit < 32; bit++) expect(((mask >>> bit) & 1) === 1).toBe(bit >= first && bit < first + count);
  }, RUNS));
});

describe('bitmap helpers', () => {
  test('allocates whole 64-bit words holding the bits', property([fc.integer({ min: 0, max: 10_000 })], (nbits) => {
    const bitmap = allocateBitmap(nbits, 'ones');
    expect(bitmap.length % 2).toBe(0);
    expect(bitmap.length * 32).toBeGreaterThanOrEqual(nbits);
    expect(bitmap.length * 32 - nbits).toBeLessThan(64);
    expect(countOnesInRange(bitmap, 0, bitmap.length * 32)).toBe(bitmap.length * 32);
  }, RUNS));

  test('setRange and forEachWordOfRange cover exactly the range, word by word', property([range], ([start, count]) => {
    const bitmap = allocateBitmap(700);
    setRange(bitmap, start, count);
    for (let bit = 0; bit < 700; bit++) expect(testBit(bitmap, bit)).toBe(bit >= start && bit < start + count);
    expect(countOnesInRange(bitmap, 0, 700)).toBe(count);
    // The visited masks, put back together, are exactly the range.
    const rebuilt = allocateBitmap(700);
    const words: number[] = [];
    forEachWordOfRange(start, count, (index, mask) => {
      words.push(index);
      rebuilt[index] |= mask;
    });
    expect(new Set(words).size).toBe(words.length);
    expect(rebuilt).toEqual(bitmap);
  }, RUNS));

  test('testAndSet and testAndClear report the previous bit', property([fc.integer({ min: 0, max: 127 }), fc.boolean()], (bit, initially) => {
    const bitmap = allocateBitmap(128, initially ? 'ones' : 'zeros');
    expect(testAndSet(bitmap, bit)).toBe(initially);
    expect(testAndClear(bitmap, bit)).toBe(true);
    expect(testBit(bitmap, bit)).toBe(false);
    expect(countOnesInRange(bitmap, 0, 128)).toBe(initially ? 127 : 0);
  }, RUNS));
});
