/**
 * Bisection over simulations returns brackets whose ends were simulated and lie within tolerance.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { BANDWIDTH_ESTIMATOR_NAMES } from '../../src/simulator/bandwidth-estimators.ts';
import { simulateMigration, simulateTrajectory } from '../../src/simulator/migration-simulator.ts';
import { simulatedMaxDirtyRate, simulatedMinDowntime } from '../../src/simulator/threshold-search.ts';
import { migrationCase } from '../convergence/arbitraries.ts';
import { property } from '../fast-check-property.ts';

const RUNS = 40;
const estimator = fc.constantFrom(...BANDWIDTH_ESTIMATOR_NAMES);
const maxIterations = 3000;

describe('simulatedMinDowntime', () => {
  test('brackets the least converging limit: converges at its upper end, not at its lower, within tolerance', property([migrationCase('any'), estimator], (p, name) => {
    const found = simulatedMinDowntime(p, name, { maxIterations, relativeTolerance: 1e-9 });
    expect(found.converges).toBe(true);
    expect(simulateMigration(p, found.downtimeMs, name, maxIterations).converged).toBe(true);
    expect(simulateMigration(p, found.lowerMs, name, maxIterations).converged).toBe(false);
    expect(found.downtimeMs - found.lowerMs).toBeLessThanOrEqual(1e-9 * found.downtimeMs);
    expect(found.iterations).toBe(simulateMigration(p, found.downtimeMs, name, maxIterations).iterations);
  }, RUNS));

  test('equals the least stop ratio along the trajectory, since the limit only decides where it stops', property([migrationCase('any'), estimator], (p, name) => {
    const found = simulatedMinDowntime(p, name, { maxIterations, relativeTolerance: 1e-9 });
    const least = Math.min(...simulateTrajectory(p, name, maxIterations).map((it) => it.stopRatioMs));
    expect(least).toBeGreaterThan(found.lowerMs);
    expect(least).toBeLessThanOrEqual(found.downtimeMs * (1 + 1e-12));
  }, RUNS));

  test('reports a limit that never converges as a result', () => {
    const found = simulatedMinDowntime({ bandwidthBytesPerMs: 1e6, dirtyRateBytesPerMs: 1e5, syncMs: 1, memoryBytes: 1e6 }, 'windowed', { maxIterations: 20 });
    expect(found.converges).toBe(false);
    expect(found.downtimeMs).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('simulatedMaxDirtyRate', () => {
  const inputs = fc.record({
    B: fc.double({ min: 0.5, max: 30, noNaN: true }).map((g) => g * 1e6),
    x: fc.double({ min: 0.5, max: 150, noNaN: true }),
    y: fc.double({ min: 1, max: 500, noNaN: true }),
  });

  test('brackets a converging rate and a non-converging one within tolerance of B', property([inputs, estimator], ({ B, x, y }, name) => {
    const memoryBytes = 64 * 2 ** 30;
    const found = simulatedMaxDirtyRate(B, x, y, memoryBytes, name, { maxIterations, relativeTolerance: 1e-7, scanPoints: 12 });
    fc.pre(found.converges && !found.saturated);
    const run = (D: number) => simulateMigration({ bandwidthBytesPerMs: B, dirtyRateBytesPerMs: D, syncMs: x, memoryBytes }, y, name, maxIterations).converged;
    expect(run(found.dirtyRateBytesPerMs)).toBe(true);
    expect(run(found.upperBytesPerMs)).toBe(false);
    expect(found.upperBytesPerMs - found.dirtyRateBytesPerMs).toBeLessThanOrEqual(1e-7 * B);
  }, RUNS));

  test('faces windowed convergence that is not monotone in D: B = 15 GB/s, x = 60 ms, y = 38 ms converges at 2.9 and 3.1 GB/s, not 2.95', () => {
    // Which short iteration ends while an estimate from an earlier long one is still in force depends
    // on D, so the converging rates here are two intervals; the bisection still returns simulated ends.
    const converges = (gbps: number) => simulateMigration({ bandwidthBytesPerMs: 15e6, dirtyRateBytesPerMs: gbps * 1e6, syncMs: 60, memoryBytes: 256 * 2 ** 30 }, 38, 'windowed').converged;
    expect([2.9, 2.95, 3.1, 3.3].map(converges)).toEqual([true, false, true, false]);
  });

  test('finds the greatest windowed-passes rate at x = 12 ms, y = 150 ms above the interval bisection met, and says it is not monotone', () => {
    const memoryBytes = 256 * 2 ** 30;
    const found = simulatedMaxDirtyRate(15e6, 12, 150, memoryBytes, 'windowed-passes');
    const converges = (D: number) => simulateMigration({ bandwidthBytesPerMs: 15e6, dirtyRateBytesPerMs: D, syncMs: 12, memoryBytes }, 150, 'windowed-passes').converged;
    // 13.88888 GB/s converges; plain bisection stopped at 13.8884 GB/s, the top of a lower interval.
    expect(converges(13.88888e6)).toBe(true);
    expect(found.dirtyRateBytesPerMs).toBeGreaterThanOrEqual(13.88888e6);
    expect(found.intervals).toBeGreaterThan(1);
    expect(converges(found.dirtyRateBytesPerMs)).toBe(true);
    expect(converges(found.upperBytesPerMs)).toBe(false);
  });

  test('reports saturation when even D = B converges: the first check comes after sending all memory', () => {
    // With all memory pending after the first iteration, the seed's estimate makes pending/estimate = x + M/B.
    const found = simulatedMaxDirtyRate(1e6, 10, 1200, 1e9, 'seed-premises');
    expect(found).toMatchObject({ converges: true, saturated: true, dirtyRateBytesPerMs: 1e6 });
  });

  test('rejects a tolerance outside (0, 1)', () => {
    expect(() => simulatedMaxDirtyRate(1, 1, 1, 1, 'windowed', { relativeTolerance: 0 })).toThrow(new RangeError('simulatedMaxDirtyRate: options.relativeTolerance must be > 0, got 0'));
  });
});
