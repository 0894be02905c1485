/**
 * The closed forms at their exact boundaries. Each case is built so that the boundary is a double
 * (D/B a dyadic fraction), and the expected side is decided by exact integer arithmetic on the
 * doubles' values (`exact-dyadic.ts`), not by the formula under test. Each boundary is checked on it
 * and one float step either side, so swapping `>=` for `>` (or `<=` for `<`) fails.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { maxDirtyRate } from '../../src/convergence/max-dirty-rate.ts';
import { minDowntime } from '../../src/convergence/min-downtime.ts';
import { eq15Holds, eq5Holds, regimeBoundarySyncMs, regimeOf } from '../../src/convergence/regime.ts';
import { seedEstimateBytesPerMs } from '../../src/convergence/seed-estimate.ts';
import { createBandwidthEstimator } from '../../src/simulator/bandwidth-estimators.ts';
import { compareDyadic, dyadic, floatStep, minus, times } from '../exact-dyadic.ts';
import { property } from '../fast-check-property.ts';

const RUNS = 200;
const HUNDRED = dyadic(100);

/** B (bytes per ms) and D = B·j/2^n, so that D/B and the regime boundary 100·(1 − D/B) are exact doubles. */
const dyadicRates = fc
  .record({ B: fc.oneof(fc.constantFrom(1, 2, 15e6, 2e6), fc.integer({ min: 1, max: 2 ** 24 })), bits: fc.integer({ min: 1, max: 12 }), j: fc.nat() })
  .map(({ B, bits, j }) => {
    const denominator = 2 ** bits;
    const numerator = 1 + (j % (denominator - 1 || 1));
    return { B, D: (B * numerator) / denominator, boundaryMs: 100 - (100 * numerator) / denominator };
  });

/** Eq. (5) decided exactly: `x + t* >= 100` ⇔ `x·B >= 100·(B − D)` (for B > D > 0). */
function exactlyLong(B: number, D: number, x: number): boolean {
  return compareDyadic(times(dyadic(x), dyadic(B)), times(HUNDRED, minus(dyadic(B), dyadic(D)))) >= 0;
}

describe('regime boundary x + t* = 100', () => {
  test('the constructed boundary is exact: x·B = 100·(B − D) with no rounding', property([dyadicRates], ({ B, D, boundaryMs }) => {
    expect(compareDyadic(times(dyadic(boundaryMs), dyadic(B)), times(HUNDRED, minus(dyadic(B), dyadic(D))))).toBe(0);
    expect(regimeBoundarySyncMs(B, D)).toBe(boundaryMs);
  }, RUNS));

  test('eq. (5) holds on the boundary and above it, eq. (15) one float step below', property([dyadicRates], ({ B, D, boundaryMs }) => {
    for (const x of [floatStep(boundaryMs, -1), boundaryMs, floatStep(boundaryMs, 1)]) {
      const long = exactlyLong(B, D, x);
      expect(eq5Holds(B, D, x)).toBe(long);
      expect(eq15Holds(B, D, x)).toBe(!long);
      expect(regimeOf(B, D, x)).toBe(long ? 'long-iteration' : 'short-iteration');
      expect(minDowntime(B, D, x).equation).toBe(long ? 12 : 19);
    }
    expect(exactlyLong(B, D, boundaryMs)).toBe(true);
    expect(exactlyLong(B, D, floatStep(boundaryMs, -1))).toBe(false);
  }, RUNS));

  test('on the boundary the least downtime limit is x + t* = 100 ms exactly', property([dyadicRates], ({ B, D, boundaryMs }) => {
    expect(minDowntime(B, D, boundaryMs)).toMatchObject({ regime: 'long-iteration', equation: 12, downtimeLimitMs: 100 });
  }, RUNS));

  test('B = 2, D = 1, x = 50: t* = 50, so x + t* = 100 is long-iteration', () => {
    expect(eq5Holds(2, 1, 50)).toBe(true);
    expect(minDowntime(2, 1, 50)).toEqual({ downtimeLimitMs: 100, regime: 'long-iteration', equation: 12, transferMs: 50 });
  });
});

/** Sync times from 100 ms up whose double is a multiple of 2^-20, so y = x is also exact. */
const syncFromWindow = fc.oneof(fc.constantFrom(100, 150, 1000), fc.integer({ min: 100 * 2 ** 20, max: 5000 * 2 ** 20 }).map((n) => n / 2 ** 20));

describe('maxDirtyRate where nothing converges', () => {
  test('y = x >= 100: eq. (12) needs D < B·(y − x)/y = 0, so no dirty rate converges', property([fc.integer({ min: 1, max: 2 ** 30 }), syncFromWindow], (B, x) => {
    expect(maxDirtyRate(B, x, x)).toEqual({ converges: false, dirtyRateBytesPerMs: 0, regime: null, equation: null });
  }, RUNS));

  test('one float step above y = x some dirty rate converges; one below, none does', property([fc.integer({ min: 1, max: 2 ** 30 }), syncFromWindow], (B, x) => {
    const above = maxDirtyRate(B, x, floatStep(x, 1));
    expect(above.converges).toBe(true);
    expect(above.dirtyRateBytesPerMs).toBeGreaterThan(0);
    expect(maxDirtyRate(B, x, floatStep(x, -1)).converges).toBe(false);
  }, RUNS));

  test('y >= 100 and x < 100 <= y never lands on y = x: it converges in the long regime', () => {
    expect(maxDirtyRate(2, 99, 100)).toMatchObject({ converges: true, regime: 'long-iteration', equation: 12 });
  });
});

describe("the seed's R, the exported function", () => {
  test('agrees with the simulator\'s own copy of the rule (written independently) on both sides of x + t = 100', property(
    [fc.integer({ min: 1, max: 2 ** 24 }), fc.integer({ min: 1, max: 199 }), fc.integer({ min: 1, max: 199 })],
    (B, x, t) => {
      const simulated = createBandwidthEstimator('seed-premises', B).afterIteration(x, t, B * t);
      expect(seedEstimateBytesPerMs(B, x, t)).toBe(simulated);
    },
    RUNS,
  ));

  test("on x + t = 100 in floating point it is the simulator's value, whose rule takes the long branch there", property(
    [fc.integer({ min: 1, max: 2 ** 24 }), fc.double({ min: 0.001, max: 99.999, noNaN: true }), fc.constantFrom(-1, 0, 1)],
    (B, x, step) => {
      const exact = 100 - x;
      const t = step === 0 ? exact : floatStep(exact, step);
      fc.pre(x + t === 100);
      expect(seedEstimateBytesPerMs(B, x, t)).toBe(createBandwidthEstimator('seed-premises', B).afterIteration(x, t, B * t));
    },
    RUNS,
  ));

  test('short iterations: B·(100 − x)/100 whatever t is', property(
    [fc.integer({ min: 1, max: 2 ** 24 }), fc.integer({ min: 1, max: 98 }), fc.nat()],
    (B, x, raw) => {
      const t = 1 + (raw % (99 - x)); // x + t < 100
      const expected = (B * (100 - x)) / 100;
      expect(seedEstimateBytesPerMs(B, x, t)).toBe(expected);
      expect(seedEstimateBytesPerMs(B, x, 1)).toBe(expected);
    },
    RUNS,
  ));

  test('the seed\'s worked numbers: R(15, 12, 24) = 13.2 and R(15, 73, 146) = 10', () => {
    expect(seedEstimateBytesPerMs(15, 12, 24)).toBeCloseTo(13.2, 12);
    expect(seedEstimateBytesPerMs(15, 73, 146)).toBeCloseTo(10, 12);
    // At x + t = 100 exactly both formulas give B·t/100.
    expect(seedEstimateBytesPerMs(15, 40, 60)).toBe(9);
  });
});
