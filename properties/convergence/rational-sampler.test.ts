/**
 * The derivation check's point generator: xorshift32 against its published first outputs, and each
 * branch of `drawRational` driven by a scripted sequence of uniform numbers, so the expected rational
 * follows by hand from the documented ranges.
 */
import { describe, expect, test } from 'vitest';
import { drawRational, type Random, seededRandom } from '../../src/convergence/rational-sampler.ts';
import { exactMath } from '../../src/convergence/exact-math.ts';

/** A generator that returns the given numbers in order and fails if asked for more. */
function scripted(...values: number[]): Random {
  return () => {
    const next = values.shift();
    if (next === undefined) throw new Error('scripted: sequence exhausted');
    return next;
  };
}

const first = (random: Random, count: number) => Array.from({ length: count }, () => random() * 2 ** 32);
const text = (value: { toFraction: () => string }) => value.toFraction();

describe('seededRandom', () => {
  test('is xorshift32 (13, 17, 5): from state 1 the first outputs are 270369 and 67634689', () => {
    // 1 ^ 1<<13 = 8193; 8193 >>> 17 = 0; 8193 ^ 8193<<5 = 270369 (the reference sequence from state 1).
    expect(first(seededRandom(1), 2)).toEqual([270369, 67634689]);
  });

  test('gives different streams for different seeds', () => {
    expect(first(seededRandom(5), 3)).not.toEqual(first(seededRandom(7), 3));
  });

  test('replaces seed 0, on which xorshift would stay 0, by the fixed state 0x2545f491', () => {
    const fromZero = first(seededRandom(0), 3);
    expect(fromZero.some((v) => v !== 0)).toBe(true);
    expect(fromZero).toEqual(first(seededRandom(0x2545f491), 3));
  });
});

describe('drawRational', () => {
  const earlier = [exactMath.fraction(7, 3), exactMath.fraction(-5, 2), exactMath.fraction(9)];

  test('reuses an earlier value when the first number is below 0.1, picking it by the second', () => {
    expect(drawRational(scripted(0.05, 0.5), earlier)).toBe(earlier[1]);
    expect(drawRational(scripted(0, 0.99), earlier)).toBe(earlier[2]);
  });

  test('draws a special value when the reuse draw is at least 0.1 and the next is below 0.15', () => {
    // Seven special values: 0.5 picks the fourth, 50; 0.99 the last, −1.
    expect(text(drawRational(scripted(0.1, 0.14, 0.5), earlier))).toBe('50');
    expect(text(drawRational(scripted(0.05, 0.99)))).toBe('-1');
  });

  test('otherwise draws p/q with p in [-1000, 4000] and q in [1, 40]', () => {
    // 0.5: p = −1000 + ⌊0.5·5001⌋ = 1500, q = 1 + ⌊0.5·40⌋ = 21, so 1500/21 = 500/7.
    expect(text(drawRational(scripted(0.15, 0.5, 0.5)))).toBe('500/7');
    expect(text(drawRational(scripted(0.2, 0.2, 0, 0), earlier))).toBe('-1000');
    expect(text(drawRational(scripted(0.99, 0.999999, 0.999999)))).toBe('100');
  });

  test('never reuses when there is nothing earlier', () => {
    // Without earlier values the first number goes to the special-value test directly.
    expect(text(drawRational(scripted(0.05, 0)))).toBe('0');
  });
});
