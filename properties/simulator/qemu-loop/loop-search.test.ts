/**
 * The loop model's threshold searches on a guest whose answer is worked out by hand: 100 pages on a
 * link of one 4 KiB page per ms, syncs that take no time, no rate limit, the `every-drain` rule set,
 * and a run cut at 101 ms, so only the first sync decides. The first two 50 ms passes send all 100
 * pages; the window closing at 100 ms measures 409,600 bytes / 100 ms = 4096 bytes/ms, a threshold of
 * 4096 × limit bytes. The sync at 100 ms harvests what the guest wrote in those 100 ms, W × 100 bytes
 * for a rate of W bytes/ms, and the migration completes exactly when W × 100 <= 4096 × limit.
 */
import { describe, expect, test } from 'vitest';
import type { LoopParameters } from '../../../src/simulator/qemu-loop/loop-parameters.ts';
import { loopGreatestDirtyRate, loopLeastDowntime } from '../../../src/simulator/qemu-loop/loop-search.ts';

const PAGE = 4096;

/** The guest above, dirtying `dirtyRateBytesPerMs`; its own downtime limit is one the searches must ignore. */
const firstSyncDecides = (dirtyRateBytesPerMs: number, downtimeLimitMs = 0): LoopParameters => ({
  memoryBytes: 100 * PAGE,
  linkBandwidthBytesPerMs: PAGE,
  maxBandwidthBytesPerSecond: 0,
  downtimeLimitMs,
  workload: { kind: 'constant', dirtyRateBytesPerMs },
  syncCost: { kind: 'constant', syncMs: 0 },
  ruleSet: 'every-drain',
  maxTimeMs: 101,
});

describe('loopLeastDowntime', () => {
  test('finds the least limit that completes: 62.5 ms for a guest that writes 62.5 pages in 100 ms', () => {
    // 2560 bytes/ms × 100 ms = 256,000 bytes = 62.5 pages <= 4096 × limit exactly when limit >= 62.5 ms.
    const found = loopLeastDowntime(firstSyncDecides(2560, 1000), 1000);
    expect(found.converges).toBe(true);
    expect(found.intervals).toBe(1);
    expect(found.edge).toBeGreaterThanOrEqual(62.5);
    expect(found.beyond).toBeLessThan(62.5);
    // The defaults: 60 grid points zoomed three times bracket the edge to (1000 - 0.001) / 59^4 ms, which is
    // already inside the 1e-6 tolerance (1e-3 ms), so no bisection step follows.
    expect(found.edge - found.beyond).toBeCloseTo((1000 - 0.001) / 59 ** 4, 12);
  });

  test('searches with the grid and tolerance it is given', () => {
    // 5 points: a coarse cell of (1000 - 0.001) / 4 ms, zoomed three times to a quarter each time, 3.9 ms,
    // then bisected until the bracket is at most 1e-5 × the range (0.01 ms): to 3.9 / 2^9, 7.6e-3 ms.
    const found = loopLeastDowntime(firstSyncDecides(2560), 1000, { gridPoints: 5, relativeTolerance: 1e-5 });
    expect(found.edge).toBeGreaterThanOrEqual(62.5);
    expect(found.beyond).toBeLessThan(62.5);
    expect(found.edge - found.beyond).toBeCloseTo((1000 - 0.001) / 4 ** 4 / 2 ** 9, 12);
  });

  test('starts its range at a millionth of the top, leaving out a limit of 0', () => {
    // An idle guest completes at the first sync whatever the limit, so the least limit is the range's bottom.
    expect(loopLeastDowntime(firstSyncDecides(0), 1000)).toEqual({ converges: true, edge: 0.001, beyond: 0.001, intervals: 1 });
  });

  test('says so when no limit up to the top completes', () => {
    // 4096 bytes/ms writes all 100 pages again in 100 ms: a limit of 100 ms would be needed.
    expect(loopLeastDowntime(firstSyncDecides(PAGE), 99).converges).toBe(false);
    expect(loopLeastDowntime(firstSyncDecides(PAGE), 101).converges).toBe(true);
  });

  test('names itself and the parameter for a top that is not a positive number', () => {
    expect(() => loopLeastDowntime(firstSyncDecides(0), 0)).toThrow(new RangeError('loopLeastDowntime: maxDowntimeMs must be > 0, got 0'));
    expect(() => loopLeastDowntime(firstSyncDecides(0), '10' as never)).toThrow(new TypeError('loopLeastDowntime: maxDowntimeMs must be a number, got "10"'));
  });
});

describe('loopGreatestDirtyRate', () => {
  test('finds the greatest constant rate that completes under the limit, whatever workload it was given', () => {
    // Limit 50 ms: W × 100 <= 4096 × 50 exactly when W <= 2048 bytes/ms. The working set given is replaced.
    const parameters: LoopParameters = { ...firstSyncDecides(0, 50), workload: { kind: 'working-set', workingSetPages: 10, dirtyRatePagesPerSecond: 1e6 } };
    const found = loopGreatestDirtyRate(parameters);
    expect(found.converges).toBe(true);
    expect(found.intervals).toBe(1);
    expect(found.edge).toBeLessThanOrEqual(2048);
    expect(found.beyond).toBeGreaterThan(2048);
    // The range is [0, 4096]: 60 points zoomed three times, a bracket of 4096 / 59^4 bytes/ms.
    expect(found.beyond - found.edge).toBeCloseTo(PAGE / 59 ** 4, 12);
  });

  test('searches with the grid and tolerance it is given', () => {
    const found = loopGreatestDirtyRate(firstSyncDecides(0, 50), { gridPoints: 5, relativeTolerance: 1e-5 });
    expect(found.edge).toBeLessThanOrEqual(2048);
    expect(found.beyond).toBeGreaterThan(2048);
    expect(found.beyond - found.edge).toBeCloseTo(PAGE / 4 ** 4 / 2 ** 9, 12);
  });

  test('names itself and the link bandwidth when it is not a positive number', () => {
    expect(() => loopGreatestDirtyRate({ ...firstSyncDecides(0, 50), linkBandwidthBytesPerMs: 0 })).toThrow(new RangeError('loopGreatestDirtyRate: linkBandwidthBytesPerMs must be > 0, got 0'));
  });
});
