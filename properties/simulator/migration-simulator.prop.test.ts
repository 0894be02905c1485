/**
 * The simulated migration follows its stated fluid model, and its stop decision is the trajectory's.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { BANDWIDTH_ESTIMATOR_NAMES } from '../../src/simulator/bandwidth-estimators.ts';
import { simulateMigration, simulateTrajectory } from '../../src/simulator/migration-simulator.ts';
import { migrationCase } from '../convergence/arbitraries.ts';
import { property } from '../fast-check-property.ts';

const RUNS = 100;
const estimator = fc.constantFrom(...BANDWIDTH_ESTIMATOR_NAMES);
const anyCase = migrationCase('any');

describe('migration simulator', () => {
  test('sends all memory first, then what was dirtied since the last harvest, capped at the memory size', property([anyCase, estimator], (p, name) => {
    const trajectory = simulateTrajectory(p, name, 200);
    expect(trajectory[0].pendingBytes).toBe(p.memoryBytes);
    // One expectation over the whole run: per-field expect() calls would dominate the test's time.
    let startMs = 0;
    const mismatches = trajectory.flatMap((it, k) => {
      const wrong = [
        it.index !== k && 'index',
        Math.abs(it.startMs - startMs) > 1e-9 * Math.max(1, startMs) && 'startMs',
        it.sendMs !== it.pendingBytes / p.bandwidthBytesPerMs && 'sendMs',
        it.nextPendingBytes !== Math.min(p.memoryBytes, p.dirtyRateBytesPerMs * (it.sendMs + p.syncMs)) && 'nextPendingBytes',
        it.pendingBytes > p.memoryBytes && 'pendingBytes above memory',
        k > 0 && it.pendingBytes !== trajectory[k - 1].nextPendingBytes && 'pendingBytes',
      ].filter((field) => field !== false);
      startMs += p.syncMs + it.sendMs;
      return wrong.map((field) => `iteration ${k}: ${field}`);
    });
    expect(mismatches).toEqual([]);
  }, RUNS));

  test('has one trajectory whatever the estimator: the estimate only decides when to stop', property([anyCase], (p) => {
    const [a, b] = BANDWIDTH_ESTIMATOR_NAMES.map((name) => simulateTrajectory(p, name, 100).map((it) => it.pendingBytes));
    expect(a).toEqual(b);
  }, RUNS));

  test('never estimates more than the real bandwidth', property([anyCase, estimator], (p, name) => {
    const highest = Math.max(...simulateTrajectory(p, name, 200).map((it) => it.estimateBytesPerMs));
    expect(highest).toBeLessThanOrEqual(p.bandwidthBytesPerMs * (1 + 1e-12));
  }, RUNS));

  test('windowed: estimates bytes over time of the last window of >= 100 ms closed at an iteration boundary, 0 before', property([anyCase], (p) => {
    let windowMs = 0;
    let windowBytes = 0;
    let expected = 0;
    const trajectory = simulateTrajectory(p, 'windowed', 300);
    const expectedEstimates = trajectory.map((it) => {
      windowMs += p.syncMs + it.sendMs;
      windowBytes += it.pendingBytes;
      if (windowMs >= 100) [expected, windowMs, windowBytes] = [windowBytes / windowMs, 0, 0];
      return expected;
    });
    expect(trajectory.map((it) => it.estimateBytesPerMs)).toEqual(expectedEstimates);
  }, RUNS));

  test(
    'converges with limit y exactly when some iteration before the cap has pending <= estimate·y, and stops at the first', property([anyCase, estimator, fc.double({ min: 0, max: 2, noNaN: true })], (p, name, scale) => {
      const cap = 400;
      const trajectory = simulateTrajectory(p, name, cap);
      const y = scale * Math.min(...trajectory.map((it) => it.stopRatioMs).filter(Number.isFinite)) * 1.5;
      const first = trajectory.findIndex((it) => it.estimateBytesPerMs * y >= it.nextPendingBytes);
      const outcome = simulateMigration(p, y, name, cap);
      expect(outcome.converged).toBe(first >= 0);
      expect(outcome.iterations).toBe(first >= 0 ? first + 1 : cap);
    }, RUNS));

  test('reports non-convergence as a result: a window never closes within the cap, so the estimate stays 0', () => {
    const outcome = simulateMigration({ bandwidthBytesPerMs: 1e6, dirtyRateBytesPerMs: 1e5, syncMs: 1, memoryBytes: 1e6 }, 1e9, 'windowed', 20);
    expect(outcome).toMatchObject({ converged: false, iterations: 20 });
  });

  test('rejects parameters outside their domain, naming them', () => {
    const p = { bandwidthBytesPerMs: 1, dirtyRateBytesPerMs: 0.5, syncMs: 1, memoryBytes: 10 };
    expect(() => simulateMigration({ ...p, memoryBytes: 0 }, 1, 'windowed')).toThrow(new RangeError('simulateMigration: memoryBytes must be > 0, got 0'));
    expect(() => simulateMigration(p, -1, 'windowed')).toThrow(new RangeError('simulateMigration: downtimeLimitMs must be >= 0, got -1'));
    expect(() => simulateMigration(p, 1, 'windowed', 0)).toThrow(new RangeError('simulateMigration: maxIterations must be >= 1, got 0'));
    expect(() => simulateTrajectory({ ...p, syncMs: Number.NaN }, 'windowed', 3)).toThrow(new RangeError('simulateTrajectory: syncMs must be a finite number, got NaN'));
  });
});
