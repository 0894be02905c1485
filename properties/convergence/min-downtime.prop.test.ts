/**
 * The seed's closed forms for the least downtime limit: eq. (1) at t*, the regime predicates, the two
 * bounds, and minDowntime's monotonicity and continuity at the regime boundary.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { criticalTransferMs } from '../../src/convergence/critical-state.ts';
import { eq12DowntimeMs, eq19DowntimeMs } from '../../src/convergence/downtime-bounds.ts';
import { minDowntime } from '../../src/convergence/min-downtime.ts';
import { eq15Holds, eq5Holds, regimeOf } from '../../src/convergence/regime.ts';
import { dirtyRatio, GBPS, migrationCase } from './arbitraries.ts';
import { property } from '../fast-check-property.ts';

const close = (actual: number, expected: number, relative = 1e-9) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.abs(expected));
const RUNS = 200;

describe('critical state and regime', () => {
  test('t* satisfies eq. (1): B·t = D·(x + t)', property([migrationCase('any')], ({ bandwidthBytesPerMs: B, dirtyRateBytesPerMs: D, syncMs: x }) => {
    const t = criticalTransferMs(B, D, x);
    close(B * t, D * (x + t));
  }, RUNS));

  test('exactly one of eq. (5) and eq. (15) holds, and (5) is x + t* >= 100', property([migrationCase('any')], ({ bandwidthBytesPerMs: B, dirtyRateBytesPerMs: D, syncMs: x }) => {
    expect(eq5Holds(B, D, x)).not.toBe(eq15Holds(B, D, x));
    const iterationMs = x + criticalTransferMs(B, D, x);
    if (Math.abs(iterationMs - 100) > 1e-9) expect(eq5Holds(B, D, x)).toBe(iterationMs > 100);
  }, RUNS));
});

describe('eq. (12) and eq. (19)', () => {
  test('eq. (12) is the critical iteration length x + t*', property([migrationCase('any')], ({ bandwidthBytesPerMs: B, dirtyRateBytesPerMs: D, syncMs: x }) => {
    close(eq12DowntimeMs(B, D, x), x + criticalTransferMs(B, D, x));
  }, RUNS));

  test('eq. (19) is below eq. (12) wherever eq. (15) holds', property([migrationCase('short')], ({ bandwidthBytesPerMs: B, dirtyRateBytesPerMs: D, syncMs: x }) => {
    fc.pre(eq15Holds(B, D, x));
    expect(eq19DowntimeMs(B, D, x)).toBeLessThan(eq12DowntimeMs(B, D, x));
  }, RUNS));

  test(
    'both bounds are 100 ms at the regime boundary D = B·(100 − x)/100', property([fc.double({ min: 0.5, max: 40, noNaN: true }), fc.double({ min: 0.01, max: 99.99, noNaN: true })], (gbps, x) => {
      const B = gbps * GBPS;
      const D = (B * (100 - x)) / 100;
      close(eq12DowntimeMs(B, D, x), 100, 1e-9);
      close(eq19DowntimeMs(B, D, x), 100, 1e-9);
    }, RUNS));

  test('rejects inputs outside B > D > 0, x > 0, and x < 100 for eq. (19), naming the parameter', () => {
    expect(() => eq12DowntimeMs(10, 10, 5)).toThrow(new RangeError('eq12DowntimeMs: dirtyRateBytesPerMs must be < bandwidthBytesPerMs (10), got 10'));
    expect(() => eq12DowntimeMs(10, 0, 5)).toThrow(new RangeError('eq12DowntimeMs: dirtyRateBytesPerMs must be > 0, got 0'));
    expect(() => eq12DowntimeMs(-1, 0.5, 5)).toThrow(new RangeError('eq12DowntimeMs: bandwidthBytesPerMs must be > 0, got -1'));
    expect(() => eq12DowntimeMs(10, 5, 0)).toThrow(new RangeError('eq12DowntimeMs: syncMs must be > 0, got 0'));
    expect(() => eq19DowntimeMs(10, 5, 100)).toThrow(new RangeError('eq19DowntimeMs: syncMs must be < 100, got 100'));
    expect(() => minDowntime(10, 5, Number.POSITIVE_INFINITY)).toThrow(new RangeError('minDowntime: syncMs must be a finite number, got Infinity'));
    expect(() => minDowntime(10, '5' as unknown as number, 1)).toThrow(new TypeError('minDowntime: dirtyRateBytesPerMs must be a number, got "5"'));
  });
});

describe('minDowntime', () => {
  test('uses eq. (12) where eq. (5) holds and eq. (19) where eq. (15) holds', property([migrationCase('any')], ({ bandwidthBytesPerMs: B, dirtyRateBytesPerMs: D, syncMs: x }) => {
    const result = minDowntime(B, D, x);
    expect(result.regime).toBe(regimeOf(B, D, x));
    expect(result.downtimeLimitMs).toBe(result.equation === 12 ? eq12DowntimeMs(B, D, x) : eq19DowntimeMs(B, D, x));
    expect(result.equation).toBe(eq5Holds(B, D, x) ? 12 : 19);
  }, RUNS));

  const grow = fc.double({ min: 1e-6, max: 0.5, noNaN: true });
  test('rises with the sync time x', property([migrationCase('any'), grow], ({ bandwidthBytesPerMs: B, dirtyRateBytesPerMs: D, syncMs: x }, g) => {
    expect(minDowntime(B, D, x * (1 + g)).downtimeLimitMs).toBeGreaterThan(minDowntime(B, D, x).downtimeLimitMs);
  }, RUNS));

  test('rises with the dirty rate D', property([migrationCase('any'), grow], ({ bandwidthBytesPerMs: B, dirtyRateBytesPerMs: D, syncMs: x }, g) => {
    const higher = D + (B - D) * g;
    expect(minDowntime(B, higher, x).downtimeLimitMs).toBeGreaterThan(minDowntime(B, D, x).downtimeLimitMs);
  }, RUNS));

  test('falls as the bandwidth B rises', property([migrationCase('any'), grow], ({ bandwidthBytesPerMs: B, dirtyRateBytesPerMs: D, syncMs: x }, g) => {
    expect(minDowntime(B * (1 + g), D, x).downtimeLimitMs).toBeLessThan(minDowntime(B, D, x).downtimeLimitMs);
  }, RUNS));

  test(
    'is continuous at the regime boundary: just inside either regime it is within O(ε) of 100 ms', property([fc.double({ min: 0.5, max: 40, noNaN: true }), fc.double({ min: 0.5, max: 99.5, noNaN: true }), fc.double({ min: 1e-12, max: 1e-6, noNaN: true })], (gbps, x, epsilon) => {
      const B = gbps * GBPS;
      const boundary = (B * (100 - x)) / 100;
      const below = minDowntime(B, boundary * (1 - epsilon), x);
      const above = minDowntime(B, Math.min(boundary * (1 + epsilon), B * (1 - 1e-9)), x);
      expect([below.equation, above.equation]).toEqual([19, 12]);
      // At the boundary a relative change ε in D moves eq. (12) by (100 − x)/x·ε and eq. (19) by 100/x·ε,
      // relatively: at most 200·ε for x >= 0.5.
      close(below.downtimeLimitMs, 100, 200 * epsilon + 1e-9);
      close(above.downtimeLimitMs, 100, 200 * epsilon + 1e-9);
    }, RUNS));

  test('is a function of D/B alone (the seed\'s formulas are unit-free in B, D)', property([dirtyRatio], (r) => {
    close(minDowntime(15 * GBPS, r * 15 * GBPS, 40).downtimeLimitMs, minDowntime(15, r * 15, 40).downtimeLimitMs);
  }, RUNS));
});
