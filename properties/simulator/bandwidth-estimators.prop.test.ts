/**
 * The two estimators, fed iterations directly.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createBandwidthEstimator } from '../../src/simulator/bandwidth-estimators.ts';
import { property } from '../fast-check-property.ts';

const RUNS = 200;
const positive = (max: number) => fc.double({ min: 1e-3, max, noNaN: true });
const iterations = fc.array(fc.tuple(positive(80), positive(300)), { minLength: 1, maxLength: 30 });

describe('seed-premises estimator', () => {
  test('is B·t/(x+t) for an iteration of at least 100 ms and B·(100−x)/100 for a shorter one', property([positive(1e7), positive(150), positive(300)], (B, x, t) => {
    const R = createBandwidthEstimator('seed-premises', B).afterIteration(x, t, B * t);
    expect(R).toBe(x + t >= 100 ? (B * t) / (x + t) : (B * (100 - x)) / 100);
  }, RUNS));

  test('depends on the last iteration only', property([positive(1e7), iterations], (B, runs) => {
    const estimator = createBandwidthEstimator('seed-premises', B);
    const fresh = createBandwidthEstimator('seed-premises', B);
    const [x, t] = runs[runs.length - 1];
    let last = 0;
    for (const [syncMs, sendMs] of runs) last = estimator.afterIteration(syncMs, sendMs, B * sendMs);
    expect(last).toBe(fresh.afterIteration(x, t, B * t));
  }, RUNS));
});

describe('windowed estimator', () => {
  test('is 0 until 100 ms have passed, then bytes over time of the window just closed, sync time included', property([positive(1e7), iterations], (B, runs) => {
    const estimator = createBandwidthEstimator('windowed', B);
    let elapsedMs = 0;
    let bytes = 0;
    let expected = 0;
    for (const [syncMs, sendMs] of runs) {
      elapsedMs += syncMs + sendMs;
      bytes += B * sendMs;
      if (elapsedMs >= 100) [expected, elapsedMs, bytes] = [bytes / elapsedMs, 0, 0];
      expect(estimator.afterIteration(syncMs, sendMs, B * sendMs)).toBe(expected);
    }
  }, RUNS));

  test('equals the seed\'s B·t/(x+t) whenever every iteration lasts at least 100 ms', property([positive(1e7), fc.array(fc.tuple(positive(80), positive(300)).filter(([x, t]) => x + t >= 100), { minLength: 1, maxLength: 10 })], (B, runs) => {
    const windowed = createBandwidthEstimator('windowed', B);
    const seed = createBandwidthEstimator('seed-premises', B);
    for (const [x, t] of runs) expect(windowed.afterIteration(x, t, B * t)).toBeCloseTo(seed.afterIteration(x, t, B * t), 6);
  }, RUNS));

  test('measures D, not B·(100−x)/100, over identical iterations shorter than 100 ms that send what was dirtied', () => {
    // B = 15, D = 10, x = 12: t* = 24 ms, 36 ms iterations, three per window.
    const estimator = createBandwidthEstimator('windowed', 15);
    let estimate = 0;
    for (let k = 0; k < 9; k++) estimate = estimator.afterIteration(12, 24, 15 * 24);
    expect(estimate).toBeCloseTo(10, 12);
    expect(createBandwidthEstimator('seed-premises', 15).afterIteration(12, 24, 15 * 24)).toBeCloseTo(13.2, 12);
  });
});

describe('windowed-passes estimator', () => {
  test('is bytes over time of the window that closed at the last check at or after 100 ms, a check following the sync and its first pass and every later pass of at most 50 ms', property([positive(1e7), fc.array(fc.tuple(positive(150), positive(3000)), { minLength: 1, maxLength: 20 })], (B, runs) => {
    // The definition, pass by pass, against the estimator (which skips windows of pure sending).
    const estimator = createBandwidthEstimator('windowed-passes', B);
    let [windowMs, windowBytes, expected] = [0, 0, 0];
    for (const [syncMs, sendMs] of runs) {
      windowMs += syncMs;
      let leftMs = sendMs;
      do {
        const passMs = Math.min(50, leftMs);
        [windowMs, windowBytes, leftMs] = [windowMs + passMs, windowBytes + B * passMs, leftMs - passMs];
        if (windowMs >= 100) [expected, windowMs, windowBytes] = [windowBytes / windowMs, 0, 0];
      } while (leftMs > 0);
      const estimate = estimator.afterIteration(syncMs, sendMs, B * sendMs);
      expect(Math.abs(estimate - expected)).toBeLessThanOrEqual(1e-12 * B);
    }
  }, RUNS));

  test('equals windowed while no send phase is longer than one 50 ms pass', property([positive(1e7), fc.array(fc.tuple(positive(80), positive(50)), { minLength: 1, maxLength: 30 })], (B, runs) => {
    const passes = createBandwidthEstimator('windowed-passes', B);
    const windowed = createBandwidthEstimator('windowed', B);
    for (const [x, t] of runs) {
      const expected = windowed.afterIteration(x, t, B * t);
      // Equal up to rounding: the pass estimator adds bytes as rate × time.
      expect(Math.abs(passes.afterIteration(x, t, B * t) - expected)).toBeLessThanOrEqual(1e-12 * expected);
    }
  }, RUNS));

  test('closes a window inside a long send phase, so its estimate is between the windowed one and B', property([positive(1e7), iterations], (B, runs) => {
    const passes = createBandwidthEstimator('windowed-passes', B);
    for (const [x, t] of runs) {
      const estimate = passes.afterIteration(x, t, B * t);
      expect(estimate).toBeGreaterThanOrEqual(0);
      expect(estimate).toBeLessThanOrEqual(B * (1 + 1e-12));
    }
  }, RUNS));

  test('measures B in a window that closes after two whole passes of sending', () => {
    // A 73 ms sync, then six 50 ms passes: windows close after the first pass (123 ms, with the sync),
    // then after passes 3 and 5 (100 ms of sending each); the sixth pass leaves an open window.
    const estimator = createBandwidthEstimator('windowed-passes', 15);
    expect(estimator.afterIteration(73, 300, 15 * 300)).toBeCloseTo(15, 12);
    const windowed = createBandwidthEstimator('windowed', 15);
    expect(windowed.afterIteration(73, 300, 15 * 300)).toBeCloseTo((15 * 300) / 373, 12);
  });
});
