/**
 * The fluid simulator and its searches at exact boundaries, on numbers small enough to work out by hand
 * and exact in binary: the stop rule at estimate × y = pending, the bisections' stopping rule when the
 * bracket equals the tolerance, the doubling search's cap, and a sync-only iteration of the estimator.
 */
import { describe, expect, test } from 'vitest';
import { createBandwidthEstimator } from '../../src/simulator/bandwidth-estimators.ts';
import { scanConvergence } from '../../src/simulator/convergence-scan.ts';
import { simulateMigration } from '../../src/simulator/migration-simulator.ts';
import { simulatedMaxDirtyRate, simulatedMinDowntime } from '../../src/simulator/threshold-search.ts';

// B = 1 byte/ms, 50 bytes of memory, x = 50 ms, D = 0.25 bytes/ms. The first iteration sends for 50 ms and
// lasts 100 ms with its sync, so the seed-premises estimate is B × 50/100 = 0.5; the guest dirties
// 0.25 × 100 = 25 bytes. The next iterations settle towards t = Dx/(B - D) = 50/3 ms, so limits above
// 100/3 ms converge (0.5 × y must reach 25, then 18.75, 17.1875, … down to 50/3).
const SMALL = { bandwidthBytesPerMs: 1, dirtyRateBytesPerMs: 0.25, syncMs: 50, memoryBytes: 50 };

describe('simulateMigration at the stop rule boundary', () => {
  test('stops when estimate × y equals the pending bytes exactly, as QEMU stops at pending <= threshold', () => {
    // y = 50: 0.5 × 50 = 25 = the 25 bytes pending, so the first iteration stops; it took 50 + 50 ms, and the
    // stop adds the final sync: 150 ms.
    expect(simulateMigration(SMALL, 50, 'seed-premises')).toEqual({ converged: true, iterations: 1, elapsedMs: 150, pendingBytes: 25 });
  });
});

describe('simulatedMinDowntime', () => {
  test('stops bisecting when the bracket is exactly the tolerance', () => {
    // Doubling: 32 ms never converges (it needs more than 100/3), 64 ms does at once. With a tolerance of
    // half the upper end, the bracket [32, 64] is already narrow enough.
    expect(simulatedMinDowntime(SMALL, 'seed-premises', { relativeTolerance: 0.5 })).toEqual({ converges: true, downtimeMs: 64, lowerMs: 32, iterations: 1 });
  });

  test('gives up at 2^40 ms', () => {
    // One iteration of 60 ms: no window has closed, so the windowed estimate is 0 and no limit converges.
    expect(simulatedMinDowntime({ ...SMALL, memoryBytes: 10, syncMs: 50 }, 'windowed', { maxIterations: 1 })).toEqual({
      converges: false,
      downtimeMs: Number.POSITIVE_INFINITY,
      lowerMs: 2 ** 40,
      iterations: 1,
    });
  });
});

describe('simulatedMaxDirtyRate', () => {
  test('reports no converging rate when even the lowest fails, naming the lowest it tried', () => {
    // A limit of 0 stops only with nothing pending, and every rate dirties something.
    expect(simulatedMaxDirtyRate(1000, 50, 0, 50_000, 'seed-premises', { maxIterations: 5 })).toEqual({
      converges: false,
      saturated: false,
      dirtyRateBytesPerMs: 0,
      upperBytesPerMs: 1000 * 1e-9,
      intervals: 0,
    });
  });
});

describe('scanConvergence', () => {
  test('stops bisecting when the bracket is exactly the tolerance times the range', () => {
    // 3 grid points over [0, 1] and the set v <= 0.3: zooms to [0.25, 0.3125] (1/16); bisection at a
    // tolerance of 1/64 halves it twice, to [0.296875, 0.3125], exactly 1/64 wide, and stops there.
    expect(scanConvergence(0, 1, (v) => v <= 0.3, 'greatest', { gridPoints: 3, relativeTolerance: 2 ** -6 })).toEqual({ converges: true, edge: 0.296875, beyond: 0.3125, intervals: 1 });
    // The same set moved to [1, 2]: the tolerance is a fraction of the range's width, 1, not of its ends.
    expect(scanConvergence(1, 2, (v) => v <= 1.3, 'greatest', { gridPoints: 3, relativeTolerance: 2 ** -6 })).toEqual({ converges: true, edge: 1.296875, beyond: 1.3125, intervals: 1 });
  });
});

describe('the windowed-passes estimator', () => {
  test('measures a window of sync time only as 0 bytes per ms', () => {
    const estimator = createBandwidthEstimator('windowed-passes', 1);
    expect(estimator.afterIteration(100, 0, 0)).toBe(0);
  });
});
