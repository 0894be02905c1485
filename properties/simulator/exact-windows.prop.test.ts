/**
 * The simulator at its exact boundaries: a bandwidth window of exactly 100 ms closes (QEMU closes it
 * at `>= BUFFER_DELAY`), and the time a migration takes is its iterations' syncs and sends plus the
 * final sync, worked out by hand and summed from the trajectory. Every duration here is a whole
 * number of ms, so sums are exact and "exactly 100 ms" means it.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createBandwidthEstimator } from '../../src/simulator/bandwidth-estimators.ts';
import { simulateMigration, simulateTrajectory } from '../../src/simulator/migration-simulator.ts';
import { property } from '../fast-check-property.ts';

const RUNS = 200;

/** Iterations of whole ms (sync >= 1, send >= 0) whose running total first reaches 100 ms, exactly, at the last one. */
const iterationsFillingOneWindow = fc
  .record({ cuts: fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { maxLength: 10 }), syncs: fc.array(fc.nat(), { minLength: 11, maxLength: 11 }) })
  .map(({ cuts, syncs }) => {
    const ends = [...cuts].sort((a, b) => a - b).concat(100);
    return ends.map((end, index) => {
      const lengthMs = end - (index === 0 ? 0 : ends[index - 1]);
      const syncMs = 1 + (syncs[index] % lengthMs);
      return { syncMs, sendMs: lengthMs - syncMs, sentBytes: 1000 * (lengthMs - syncMs) };
    });
  });

describe('windowed estimator: a window of exactly 100 ms closes', () => {
  test('no estimate before 100 ms; at exactly 100 ms the bytes sent over 100 ms', property([iterationsFillingOneWindow], (iterations) => {
    const estimator = createBandwidthEstimator('windowed', 1);
    let sentBytes = 0;
    let elapsedMs = 0;
    for (const it of iterations) {
      const estimate = estimator.afterIteration(it.syncMs, it.sendMs, it.sentBytes);
      sentBytes += it.sentBytes;
      elapsedMs += it.syncMs + it.sendMs;
      expect(estimate).toBe(elapsedMs >= 100 ? sentBytes / 100 : 0);
    }
    expect(elapsedMs).toBe(100);
  }, RUNS));

  test('sync 40 ms, send 60 ms of 6000 bytes: 60 bytes per ms; the next window starts empty', () => {
    const estimator = createBandwidthEstimator('windowed', 1);
    expect(estimator.afterIteration(40, 60, 6000)).toBe(60);
    expect(estimator.afterIteration(50, 49, 4900)).toBe(60);
    expect(estimator.afterIteration(1, 0, 0)).toBe(49);
  });
});

describe('windowed-passes estimator: the check at exactly 100 ms closes the window', () => {
  test('a sync and send passes ending exactly at 100 ms yield bytes/100; one ms short, none', property(
    [fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 1000 })],
    (syncMs, bytesPerMs) => {
      const sendMs = 100 - syncMs;
      expect(createBandwidthEstimator('windowed-passes', 1).afterIteration(syncMs, sendMs, bytesPerMs * sendMs)).toBe((bytesPerMs * sendMs) / 100);
      expect(createBandwidthEstimator('windowed-passes', 1).afterIteration(syncMs, sendMs - 1, bytesPerMs * (sendMs - 1))).toBe(0);
    },
    RUNS,
  ));
});

describe('elapsedMs: the migration time', () => {
  // M = 1000 bytes, B = 10 bytes/ms, D = 1 byte/ms, x = 10 ms, by hand with the seed's R:
  // iteration 0 sends 1000 bytes in 100 ms; R = 10·100/110; the next sync harvests 1·(100 + 10) = 110 bytes.
  // iteration 1 sends 110 bytes in 11 ms; x + t = 21 < 100, so R = 10·90/100 = 9; the next harvest is 21 bytes.
  const p = { bandwidthBytesPerMs: 10, dirtyRateBytesPerMs: 1, syncMs: 10, memoryBytes: 1000 };

  test('stopping after one iteration: sync, send, final sync = 10 + 100 + 10 ms', () => {
    // 110 bytes at R = 1000/110 bytes/ms need y >= 12.1 ms.
    expect(simulateMigration(p, 13, 'seed-premises')).toEqual({ converged: true, iterations: 1, elapsedMs: 120, pendingBytes: 110 });
  });

  test('stopping after two iterations: 120 ms, then 11 ms of sending and a final sync = 141 ms', () => {
    // 21 bytes at R = 9 bytes/ms need y >= 2.34 ms; at y = 3 iteration 0 (27.3 < 110) does not stop.
    expect(simulateMigration(p, 3, 'seed-premises')).toEqual({ converged: true, iterations: 2, elapsedMs: 141, pendingBytes: 21 });
  });

  test('not converging within the cap: the time simulated, final sync included', () => {
    expect(simulateMigration(p, 1, 'seed-premises', 2)).toEqual({ converged: false, iterations: 2, elapsedMs: 141, pendingBytes: 21 });
  });

  test('is the sum of every iteration\'s sync and send plus the final sync', property(
    [fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 400 })],
    (B, dirtyPercent, x, memoryPages, y) => {
      const parameters = { bandwidthBytesPerMs: B * 4096, dirtyRateBytesPerMs: (B * 4096 * dirtyPercent) / 100, syncMs: x, memoryBytes: memoryPages * 4096 };
      const outcome = simulateMigration(parameters, y, 'windowed', 50);
      const trajectory = simulateTrajectory(parameters, 'windowed', outcome.iterations);
      const summedMs = trajectory.reduce((total, it) => total + it.sendMs + x, 0) + x;
      expect(outcome.elapsedMs).toBeCloseTo(summedMs, 6);
    },
    RUNS,
  ));
});
