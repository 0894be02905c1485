/**
 * maxDirtyRate: the inverse of minDowntime over both regimes, using each bound only in its regime.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { eq12DirtyRateBytesPerMs, eq19DirtyRateBytesPerMs } from '../../src/convergence/dirty-rate-bounds.ts';
import { maxDirtyRate } from '../../src/convergence/max-dirty-rate.ts';
import { minDowntime } from '../../src/convergence/min-downtime.ts';
import { regimeOf } from '../../src/convergence/regime.ts';
import { GBPS, migrationCase } from './arbitraries.ts';
import { property } from '../fast-check-property.ts';

const close = (actual: number, expected: number, relative = 1e-9) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.abs(expected));
const RUNS = 200;
const bandwidth = fc.double({ min: 0.5, max: 40, noNaN: true }).map((gbps) => gbps * GBPS);
const syncMs = fc.oneof(fc.constantFrom(12, 50, 73, 99.9, 100, 150), fc.double({ min: 0.01, max: 300, noNaN: true }));
const downtimeMs = fc.oneof(fc.constantFrom(27.2, 99.99, 100, 100.01, 150, 300), fc.double({ min: 0.01, max: 2000, noNaN: true }));

describe('maxDirtyRate', () => {
  test('inverts minDowntime: the greatest rate for minDowntime(B, D, x) is D', property([migrationCase('any')], ({ bandwidthBytesPerMs: B, dirtyRateBytesPerMs: D, syncMs: x }) => {
    const { downtimeLimitMs } = minDowntime(B, D, x);
    const result = maxDirtyRate(B, x, downtimeLimitMs);
    expect(result.converges).toBe(true);
    close(result.dirtyRateBytesPerMs, D, 1e-8);
  }, RUNS));

  test('is inverted by minDowntime: the least limit at the greatest rate is y', property([bandwidth, syncMs, downtimeMs], (B, x, y) => {
    const result = maxDirtyRate(B, x, y);
    fc.pre(result.converges && result.dirtyRateBytesPerMs > B * 1e-6);
    close(minDowntime(B, result.dirtyRateBytesPerMs, x).downtimeLimitMs, y, 1e-8);
  }, RUNS));

  test(
    'takes its bound from the regime the supremum lies in: eq. (12) at or above y = 100 ms, eq. (19) below', property([bandwidth, syncMs, downtimeMs], (B, x, y) => {
      const result = maxDirtyRate(B, x, y);
      fc.pre(result.converges);
      expect(result.equation).toBe(y >= 100 || x >= 100 ? 12 : 19);
      const expected = result.equation === 12 ? eq12DirtyRateBytesPerMs(B, x, y) : eq19DirtyRateBytesPerMs(B, x, y);
      expect(result.dirtyRateBytesPerMs).toBe(expected);
      // The supremum is on its own regime's side of the boundary D_b = B·(100 − x)/100 (every D for x >= 100).
      const boundary = (B * Math.max(100 - x, 0)) / 100;
      if (result.regime === 'long-iteration') expect(result.dirtyRateBytesPerMs).toBeGreaterThanOrEqual(boundary * (1 - 1e-12));
      else expect(result.dirtyRateBytesPerMs).toBeLessThanOrEqual(boundary * (1 + 1e-12));
      // Strictly inside, away from float noise at the boundary, regimeOf agrees.
      if (Math.abs(result.dirtyRateBytesPerMs - boundary) > 1e-9 * B && result.dirtyRateBytesPerMs < B) {
        expect(regimeOf(B, result.dirtyRateBytesPerMs, x)).toBe(result.regime);
      }
    }, RUNS));

  test(
    'rises with the downtime limit and falls as the sync time rises', property([bandwidth, fc.double({ min: 0.01, max: 300, noNaN: true }), fc.double({ min: 0.01, max: 2000, noNaN: true }), fc.double({ min: 0.01, max: 0.5, noNaN: true })], (B, x, y, g) => {
      const base = maxDirtyRate(B, x, y).dirtyRateBytesPerMs;
      expect(maxDirtyRate(B, x, y * (1 + g)).dirtyRateBytesPerMs).toBeGreaterThanOrEqual(base);
      expect(maxDirtyRate(B, x * (1 + g), y).dirtyRateBytesPerMs).toBeLessThanOrEqual(base);
    }, RUNS));

  test(
    'reports non-convergence, not an error, when x >= 100 ms and y <= x', property([bandwidth, fc.double({ min: 100, max: 1000, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })], (B, x, u) => {
      const y = Math.max(x * u, 1e-3);
      expect(maxDirtyRate(B, x, y)).toEqual({ converges: false, dirtyRateBytesPerMs: 0, regime: null, equation: null });
    }, RUNS));

  test('rejects B <= 0, x <= 0 and y <= 0, naming the parameter; eq. (19) solved for D also x >= 100', () => {
    expect(() => maxDirtyRate(0, 10, 10)).toThrow(new RangeError('maxDirtyRate: bandwidthBytesPerMs must be > 0, got 0'));
    expect(() => maxDirtyRate(1, -2, 10)).toThrow(new RangeError('maxDirtyRate: syncMs must be > 0, got -2'));
    expect(() => maxDirtyRate(1, 2, 0)).toThrow(new RangeError('maxDirtyRate: downtimeLimitMs must be > 0, got 0'));
    expect(() => eq19DirtyRateBytesPerMs(1, 100, 10)).toThrow(new RangeError('eq19DirtyRateBytesPerMs: syncMs must be < 100, got 100'));
  });
});
