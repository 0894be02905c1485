/**
 * The loop comparison: its rows, with the closed forms worked out by hand and every simulated edge
 * checked by simulating on both sides of it, and its text table, from hand-written rows: columns padded
 * to their widest cell and separated by two spaces, limits in ms to one decimal, rates in GB/s to three,
 * `-` for no value.
 */
import { describe, expect, test } from 'vitest';
import { type LoopComparisonRow, loopComparison, renderLoopComparison } from '../../src/convergence/loop-comparison.ts';
import { BANDWIDTH_ESTIMATOR_NAMES, type BandwidthEstimatorName } from '../../src/simulator/bandwidth-estimators.ts';
import { simulateMigration } from '../../src/simulator/migration-simulator.ts';
import { simulateQemuLoop } from '../../src/simulator/qemu-loop/migration-loop.ts';
import { readDocSample } from '../docs/doc-sample.ts';
import { perTestFixture } from '../per-test-fixture.ts';

describe('renderLoopComparison', () => {
  test('lays out rows under the header with units converted and missing values as -', () => {
    const rows: LoopComparisonRow[] = [
      { model: 'seed, eq. (12)/(12)', syncMs: 73, leastDowntimeMs: 219, realDowntimeMs: null, greatestDirtyRateBytesPerMs: 7.7e6, dirtyRateIntervals: null },
      { model: 'qemu loop', syncMs: 12, leastDowntimeMs: 35.04, realDowntimeMs: 40.26, greatestDirtyRateBytesPerMs: null, dirtyRateIntervals: 2 },
    ];
    expect(renderLoopComparison(rows).split('\n')).toEqual([
      'model                x (ms)  least y at D = 10 (ms)  real downtime (ms)  greatest D at y = 150 (GB/s)  intervals',
      '-------------------  ------  ----------------------  ------------------  ----------------------------  ---------',
      'seed, eq. (12)/(12)  73      219.0                   -                   7.700                         -',
      'qemu loop            12      35.0                    40.3                -                             2',
    ]);
  });

  test('widens a column to its widest cell', () => {
    const rows: LoopComparisonRow[] = [
      { model: 'a model name longer than the others', syncMs: 123456, leastDowntimeMs: 1, realDowntimeMs: 1, greatestDirtyRateBytesPerMs: 1e6, dirtyRateIntervals: 1 },
    ];
    const [header, rule, body] = renderLoopComparison(rows).split('\n');
    expect(rule.startsWith(`${'-'.repeat(35)}  ${'-'.repeat(6)}  `)).toBe(true);
    expect(header.startsWith(`model${' '.repeat(30)}  x (ms)  least`)).toBe(true);
    expect(body).toBe(`a model name longer than the others  123456  1.0${' '.repeat(21)}1.0${' '.repeat(17)}1.000${' '.repeat(25)}1`);
  });
});

describe('loopComparison', () => {
  // The comparison's setting: B = 15 GB/s, 256 GiB all dirty, D = 10 GB/s for the limits, y = 150 ms for the
  // rates; the loop runs today's rules without a rate limit, and a run not complete after 300 s fails.
  const B = 15e6;
  const memoryBytes = 256 * 2 ** 30;
  const seedRows = perTestFixture(() => loopComparison());
  const relativeStep = 1e-5;
  const fluidConverges = (estimator: BandwidthEstimatorName, syncMs: number, dirtyRateBytesPerMs: number, downtimeLimitMs: number) =>
    simulateMigration({ bandwidthBytesPerMs: B, dirtyRateBytesPerMs, syncMs, memoryBytes }, downtimeLimitMs, estimator).converged;
  const loopRun = (syncMs: number, dirtyRateBytesPerMs: number, downtimeLimitMs: number) => simulateQemuLoop({
    memoryBytes, linkBandwidthBytesPerMs: B, maxBandwidthBytesPerSecond: 0, downtimeLimitMs, workload: { kind: 'constant', dirtyRateBytesPerMs },
    syncCost: { kind: 'constant', syncMs }, ruleSet: 'qemu-today', maxTimeMs: 300_000, trace: false,
  });

  // Each test recomputes the comparison under Stryker (per-test fixture), so the checks are in few tests.
  test('gives the seed\'s closed forms, then each estimator and the loop, for x = 73 and 12 ms, as docs/migration-loop.md shows', () => {
    const rows = seedRows();
    expect(rows.map((row) => `${row.model} @ ${row.syncMs}`)).toEqual([
      'seed, eq. (12)/(12) @ 73', 'seed-premises @ 73', 'windowed @ 73', 'windowed-passes @ 73', 'qemu loop @ 73',
      'seed, eq. (19)/(12) @ 12', 'seed-premises @ 12', 'windowed @ 12', 'windowed-passes @ 12', 'qemu loop @ 12',
    ]);
    // x = 73: t* = D·x/(B − D) = 146 ms, eq. (12) y = x + t* = 219 ms; D* = B·(y − x)/y = 15·77/150 = 7.7 GB/s.
    // x = 12: eq. (19) y = 100·D·x/((B − D)·(100 − x)) = 12000/440 = 300/11 ms; D* = 15·138/150 = 13.8 GB/s.
    const [closed73, , , , , closed12] = rows;
    expect(closed73).toEqual({ model: 'seed, eq. (12)/(12)', syncMs: 73, leastDowntimeMs: 219, realDowntimeMs: null, greatestDirtyRateBytesPerMs: expect.closeTo(7.7e6, 6), dirtyRateIntervals: null });
    expect(closed12).toEqual({ model: 'seed, eq. (19)/(12)', syncMs: 12, leastDowntimeMs: expect.closeTo(300 / 11, 12), realDowntimeMs: null, greatestDirtyRateBytesPerMs: expect.closeTo(13.8e6, 6), dirtyRateIntervals: null });
    // Where every iteration lasts >= 100 ms, seed-premises is the closed form's model and reproduces it.
    const premises73 = rows[1];
    expect(premises73.leastDowntimeMs).toBeCloseTo(219, 6);
    expect((premises73.greatestDirtyRateBytesPerMs ?? 0) / 7.7e6).toBeCloseTo(1, 6);
    expect(renderLoopComparison(rows)).toBe(readDocSample('docs/migration-loop.md', 'loop-comparison'));
  });

  test('puts every simulated limit and rate at the edge of what converges, and the loop\'s real downtime at a run at its least limit', () => {
    for (const row of seedRows().filter((r) => !r.model.startsWith('seed,') && r.model !== 'qemu loop')) {
      const estimator = row.model as BandwidthEstimatorName;
      const [limitMs, rate] = [row.leastDowntimeMs ?? Number.NaN, row.greatestDirtyRateBytesPerMs ?? Number.NaN];
      expect([fluidConverges(estimator, row.syncMs, 10e6, limitMs), fluidConverges(estimator, row.syncMs, 10e6, limitMs * (1 - relativeStep))], `${row.model} @ ${row.syncMs}`).toEqual([true, false]);
      expect([fluidConverges(estimator, row.syncMs, rate, 150), fluidConverges(estimator, row.syncMs, rate * (1 + relativeStep), 150)], `${row.model} @ ${row.syncMs}`).toEqual([true, false]);
      expect(row.realDowntimeMs).toBeNull();
      expect(row.dirtyRateIntervals).toBeGreaterThanOrEqual(1);
    }
    for (const row of seedRows().filter((r) => r.model === 'qemu loop')) {
      const [limitMs, rate] = [row.leastDowntimeMs ?? Number.NaN, row.greatestDirtyRateBytesPerMs ?? Number.NaN];
      const atLimit = loopRun(row.syncMs, 10e6, limitMs);
      expect([atLimit.converged, loopRun(row.syncMs, 10e6, limitMs * (1 - relativeStep)).converged], `x = ${row.syncMs}`).toEqual([true, false]);
      // The final sync is part of the real downtime, so it is at least x.
      expect(row.realDowntimeMs).toBe(atLimit.downtimeMs);
      expect(row.realDowntimeMs).toBeGreaterThan(row.syncMs);
      expect([loopRun(row.syncMs, rate, 150).converged, loopRun(row.syncMs, rate * (1 + relativeStep), 150).converged], `x = ${row.syncMs}`).toEqual([true, false]);
      expect(row.dirtyRateIntervals).toBeGreaterThanOrEqual(1);
    }
  });

  test('has no closed-form rate where y <= x, and no loop limit where none up to 1000 ms can hold (x = 1000 ms)', () => {
    // y = 150 ms <= x: eq. (12) needs y > x. Least limit: t* = 10·1000/5 = 2000 ms, eq. (12) y = x + t* = 3000 ms.
    // From all memory dirty, a sync every x + (pending / B) ms leaves about the settled D·x·B/(B − D) = 3e10
    // bytes pending at best (the loop, which syncs less often, leaves more), twice the 1.5e10 bytes B sends
    // in 1000 ms, the top of the loop search's range: no limit there completes, not even the top one.
    expect(loopRun(1000, 10e6, 1000).converged).toBe(false);
    const [closed, ...rest] = loopComparison([1000]);
    expect(closed).toEqual({ model: 'seed, eq. (12)/(-)', syncMs: 1000, leastDowntimeMs: 3000, realDowntimeMs: null, greatestDirtyRateBytesPerMs: null, dirtyRateIntervals: null });
    const loop = rest.find((row) => row.model === 'qemu loop');
    expect([loop?.leastDowntimeMs, loop?.realDowntimeMs]).toEqual([null, null]);
    expect(rest.map((row) => row.model)).toEqual([...BANDWIDTH_ESTIMATOR_NAMES, 'qemu loop']);
  });
});
