/**
 * The `max-bandwidth` rate limit against QEMU's `migration_rate_set` and `migration_rate_exceeded`
 * (migration/migration-stats.c), `migration_rate_limit` (migration/migration.c) and `MAX_THROTTLE`
 * (migration/options.c): a budget of a tenth of the limit per window, in whole bytes; a spent budget waits
 * for the window to be 100 ms old; the completion sends with no limit. The loop's pacing is checked on a
 * trace worked out by hand.
 */
import { describe, expect, test } from 'vitest';
import { simulateQemuLoop } from '../../../src/simulator/qemu-loop/migration-loop.ts';
import { DEFAULT_MAX_BANDWIDTH_BYTES_PER_SECOND, windowBudgetBytes } from '../../../src/simulator/qemu-loop/rate-limit.ts';

describe('windowBudgetBytes', () => {
  test("defaults to QEMU's MAX_THROTTLE, 128 MiB/s", () => {
    expect(DEFAULT_MAX_BANDWIDTH_BYTES_PER_SECOND).toBe(134_217_728);
  });

  test('is a tenth of max-bandwidth, cut to whole bytes as QEMU divides in uint64', () => {
    expect(windowBudgetBytes(600_000)).toBe(60_000);
    expect(windowBudgetBytes(134_217_728)).toBe(13_421_772);
    expect(windowBudgetBytes(19.99)).toBe(1);
    expect(windowBudgetBytes(10)).toBe(1);
  });

  test('is unlimited for a max-bandwidth of 0, and of less than 10 bytes/s, whose budget QEMU reads as RATE_LIMIT_DISABLED', () => {
    expect(windowBudgetBytes(0)).toBe(Number.POSITIVE_INFINITY);
    expect(windowBudgetBytes(9.99)).toBe(Number.POSITIVE_INFINITY);
  });
});

// 200 pages of 1000 bytes, 1 page per ms, a 1 ms sync, no dirtying, a 50 ms limit.
const PACED = {
  memoryBytes: 200 * 1000,
  pageSizeBytes: 1000,
  linkBandwidthBytesPerMs: 1000,
  downtimeLimitMs: 50,
  workload: { kind: 'constant', dirtyRateBytesPerMs: 0 },
  syncCost: { kind: 'constant', syncMs: 1 },
} as const;

describe('the rate-limited loop', () => {
  test('sends a window budget, then waits for the window to be 100 ms old; the completion sends with no limit', () => {
    // max-bandwidth 600,000 bytes/s: 60 pages per window. A pass stops at 50 ms (MAX_WAIT) or at the rest
    // of the budget: 50 pages, then 10, then a wait to the 100 ms mark, where the window measures
    // 60,000 bytes / 100 ms = 600 bytes/ms, a threshold of 30,000 bytes (30 pages). At 250 ms 30 pages
    // are pending, at the threshold: the completion syncs (1 ms) and sends all 30, past the 10 pages the
    // window's budget has left.
    const run = simulateQemuLoop({ ...PACED, maxBandwidthBytesPerSecond: 600_000 });
    const rows = run.trace.map((row) => [row.timeMs, row.phase, row.pendingBytes / 1000, row.thresholdBytes, row.windowBandwidthBytesPerMs, row.passes]);
    expect(rows).toEqual([
      [1, 'setup', 200, 0, null, 0],
      [51, 'iterate', 150, 0, null, 1],
      [100, 'wait', 140, 30_000, 600, 2],
      [150, 'iterate', 90, 30_000, null, 3],
      [200, 'wait', 80, 30_000, 600, 4],
      [250, 'iterate', 30, 30_000, null, 5],
      [281, 'complete', 0, 30_000, null, 5],
    ]);
    expect([run.converged, run.downtimeMs, run.sentBytes]).toEqual([true, 31, 200_000]);
  });

  test('spends a whole budget exactly after a send of fractional bytes, so a wait follows, not a pass of crumbs', () => {
    // 333.3 bytes/ms: the first pass (1 → 51 ms) sends 16,665 bytes, 16.665 pages. The budget of 20,000 bytes
    // (200,000 bytes/s) leaves 3,335 for the second, which stops at it (3335 / 333.3 ms later), and the turn
    // waits to 100 ms, where the window measures 200 bytes/ms: a threshold of 10,000 bytes (10 pages). The
    // next pass runs from 100 to 150 ms.
    const run = simulateQemuLoop({ ...PACED, linkBandwidthBytesPerMs: 333.3, maxBandwidthBytesPerSecond: 200_000 });
    const rows = run.trace.slice(0, 4).map((row) => [row.timeMs, row.phase, row.pendingBytes / 1000, row.thresholdBytes, row.windowBandwidthBytesPerMs, row.passes]);
    expect(rows[0]).toEqual([1, 'setup', 200, 0, null, 0]);
    expect(rows[1][0]).toBe(51);
    expect(rows[1][2]).toBeCloseTo(200 - 16.665, 9);
    expect(rows[2]).toEqual([100, 'wait', 180, 10_000, 200, 2]);
    expect(rows[3][0]).toBe(150);
  });

  test('takes a max-bandwidth of up to 2^53 - 1 bytes/s, whose budgets the window sums exactly, and refuses more', () => {
    expect(simulateQemuLoop({ ...PACED, maxBandwidthBytesPerSecond: Number.MAX_SAFE_INTEGER }).trace).toEqual(simulateQemuLoop({ ...PACED, maxBandwidthBytesPerSecond: 0 }).trace);
    expect(() => simulateQemuLoop({ ...PACED, maxBandwidthBytesPerSecond: 2 ** 53 })).toThrow(new RangeError('simulateQemuLoop: maxBandwidthBytesPerSecond must be <= 9007199254740991, got 9007199254740992'));
  });

  test('runs a max-bandwidth below 10 bytes/s as no limit at all', () => {
    const unlimited = simulateQemuLoop({ ...PACED, maxBandwidthBytesPerSecond: 0 });
    const belowTen = simulateQemuLoop({ ...PACED, maxBandwidthBytesPerSecond: 9 });
    // Unlimited: 50-page passes from 1 ms; the window closing at 101 ms measures 100,000 bytes / 101 ms.
    expect(unlimited.trace.slice(0, 3).map((row) => [row.timeMs, row.phase, row.pendingBytes / 1000])).toEqual([
      [1, 'setup', 200],
      [51, 'iterate', 150],
      [101, 'iterate', 100],
    ]);
    expect(unlimited.trace[2].windowBandwidthBytesPerMs).toBeCloseTo(100_000 / 101, 12);
    expect(belowTen.trace).toEqual(unlimited.trace);
  });
});
