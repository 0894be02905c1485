/**
 * The seed's estimate R: its two formulas meet at x + t = 100, and it never exceeds the bandwidth.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { exactMath } from '../../src/convergence/exact-math.ts';
import { seedEstimateBytesPerMs } from '../../src/convergence/seed-estimate.ts';
import { property } from '../fast-check-property.ts';

const positive = fc.double({ min: 1e-3, max: 1e4, noNaN: true });
const rational = (max: number) => fc.tuple(fc.integer({ min: 1, max }), fc.integer({ min: 1, max: 97 })).map(([n, d]) => exactMath.fraction(n, d));

describe('seed estimate R', () => {
  test('gives the same value by both formulas at x + t = 100, exactly', property([rational(10_000), rational(99)], (B, x) => {
    fc.pre(exactMath.smaller(x, 100) as boolean);
    const t = exactMath.subtract(100, x);
    const long = exactMath.evaluate('B * t / (x + t)', { B, t, x });
    const short = exactMath.evaluate('B * (100 - x) / 100', { B, x });
    expect(exactMath.equal(long, short)).toBe(true);
  }, 200));

  test('is continuous across x + t = 100', property([positive, fc.double({ min: 1e-3, max: 99.9, noNaN: true })], (B, x) => {
    const atBoundary = seedEstimateBytesPerMs(B, x, 100 - x);
    expect(seedEstimateBytesPerMs(B, x, (100 - x) * (1 + 1e-12))).toBeCloseTo(atBoundary, 6);
    expect(seedEstimateBytesPerMs(B, x, (100 - x) * (1 - 1e-12))).toBeCloseTo(atBoundary, 6);
  }, 200));

  test('is positive and below the real bandwidth', property([positive, positive, positive], (B, x, t) => {
    fc.pre(x < 100 || x + t >= 100);
    const R = seedEstimateBytesPerMs(B, x, t);
    expect(R).toBeGreaterThan(0);
    expect(R).toBeLessThan(B);
  }, 200));

  test('rejects a non-positive or non-finite input, naming it', () => {
    expect(() => seedEstimateBytesPerMs(0, 10, 10)).toThrow(new RangeError('seedEstimateBytesPerMs: bandwidthBytesPerMs must be > 0, got 0'));
    expect(() => seedEstimateBytesPerMs(1, Number.NaN, 10)).toThrow(new RangeError('seedEstimateBytesPerMs: syncMs must be a finite number, got NaN'));
    expect(() => seedEstimateBytesPerMs(1, 10, -1)).toThrow(new RangeError('seedEstimateBytesPerMs: transferMs must be > 0, got -1'));
  });
});
