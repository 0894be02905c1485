/**
 * The bandwidth window (`BandwidthWindow`) against QEMU's `migration_update_counters` (migration/migration.c):
 * it closes at the first check at least `BUFFER_DELAY` = 100 ms after it opened, measures bytes over its
 * whole length, and the next one opens at that check. In the loop the first window opens when the thread
 * starts, so the setup phase and the setup sync count in its length; a trace worked out by hand shows it.
 */
import { describe, expect, test } from 'vitest';
import { BandwidthWindow, BUFFER_DELAY_MS } from '../../../src/simulator/qemu-loop/bandwidth-window.ts';
import { simulateQemuLoop } from '../../../src/simulator/qemu-loop/migration-loop.ts';

describe('BandwidthWindow', () => {
  test("waits QEMU's BUFFER_DELAY, 100 ms", () => {
    expect(BUFFER_DELAY_MS).toBe(100);
  });

  test('stays open before 100 ms and closes at a check exactly 100 ms after it opened', () => {
    const window = new BandwidthWindow();
    window.record(3000);
    window.record(2000);
    expect(window.check(99.999)).toBeUndefined();
    expect(window.sentBytes).toBe(5000);
    expect(window.check(100)).toEqual({ lengthMs: 100, sentBytes: 5000, bandwidthBytesPerMs: 50 });
  });

  test('measures over its whole length when the check comes late, and opens the next window at that check', () => {
    const window = new BandwidthWindow();
    window.record(6000);
    expect(window.check(150)).toEqual({ lengthMs: 150, sentBytes: 6000, bandwidthBytesPerMs: 40 });
    expect([window.startMs, window.sentBytes]).toEqual([150, 0]);
    window.record(1000);
    expect(window.check(249)).toBeUndefined();
    expect(window.check(250)).toEqual({ lengthMs: 100, sentBytes: 1000, bandwidthBytesPerMs: 10 });
  });

  test('measures zero for a window that sent nothing', () => {
    const window = new BandwidthWindow();
    expect(window.check(120)).toEqual({ lengthMs: 120, sentBytes: 0, bandwidthBytesPerMs: 0 });
  });
});

describe('the first window of a migration', () => {
  test('opens before the setup phase: its bandwidth counts setup and setup-sync time, the next ones only sending', () => {
    // 400 pages, 1 page per ms, no rate limit, a 20 ms setup and 30 ms syncs, no dirtying, a 100 ms limit.
    // Setup and setup sync end at 50 ms; a 50-page pass ends at 100 ms and closes the window: 50 pages
    // (204,800 bytes) over 100 ms, 2048 bytes/ms, half the link. Threshold 2048 × 100 = 204,800 bytes.
    // The window from 100 to 200 ms carries 100 pages: 4096 bytes/ms, threshold 409,600.
    // At 350 ms 100 pages (409,600 bytes) are pending, at the threshold: the migration completes, with a
    // 30 ms final sync and a 100 ms last send.
    const run = simulateQemuLoop({
      memoryBytes: 400 * 4096,
      linkBandwidthBytesPerMs: 4096,
      maxBandwidthBytesPerSecond: 0,
      downtimeLimitMs: 100,
      workload: { kind: 'constant', dirtyRateBytesPerMs: 0 },
      syncCost: { kind: 'constant', syncMs: 30 },
      setupCostMs: 20,
    });
    const rows = run.trace.map((row) => [row.timeMs, row.phase, row.pendingBytes / 4096, row.thresholdBytes, row.windowBandwidthBytesPerMs, row.syncs, row.passes]);
    expect(rows).toEqual([
      [50, 'setup', 400, 0, null, 1, 0],
      [100, 'iterate', 350, 204_800, 2048, 1, 1],
      [150, 'iterate', 300, 204_800, null, 1, 2],
      [200, 'iterate', 250, 409_600, 4096, 1, 3],
      [250, 'iterate', 200, 409_600, null, 1, 4],
      [300, 'iterate', 150, 409_600, 4096, 1, 5],
      [350, 'iterate', 100, 409_600, null, 1, 6],
      [480, 'complete', 0, 409_600, null, 2, 6],
    ]);
    expect([run.converged, run.downtimeMs, run.finalSyncMs, run.totalTimeMs]).toEqual([true, 130, 30, 480]);
  });
});
