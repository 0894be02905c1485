/**
 * The migration thread's turns on guests small enough to work every row of the trace out by hand: the
 * first window, the threshold it yields, the sync gate, the completion test at its boundary, the
 * rate-limit wait, and what the final sync and last send add to the downtime.
 *
 * Every case runs a link of one 4 KiB page per ms, so a 50 ms pass is 50 pages and times are exact.
 */
import { describe, expect, test } from 'vitest';
import type { LoopParameters } from '../../../src/simulator/qemu-loop/loop-parameters.ts';
import { simulateQemuLoop } from '../../../src/simulator/qemu-loop/migration-loop.ts';
import type { LoopTraceRow } from '../../../src/simulator/qemu-loop/loop-trace.ts';

const PAGE = 4096;

/** An idle guest of `pages` pages on a link of one page per ms, with 1 ms syncs. */
const idleGuest = (pages: number, overrides: Partial<LoopParameters>): LoopParameters => ({
  memoryBytes: pages * PAGE,
  linkBandwidthBytesPerMs: PAGE,
  maxBandwidthBytesPerSecond: 0,
  downtimeLimitMs: 300,
  workload: { kind: 'constant', dirtyRateBytesPerMs: 0 },
  syncCost: { kind: 'constant', syncMs: 1 },
  ...overrides,
});

/** A trace row from its fields in the order the trace declares them. */
function row(timeMs: number, phase: LoopTraceRow['phase'], estimatePages: number, pendingPages: number, thresholdBytes: number, synced: boolean, syncs: number, passes: number, windowBandwidthBytesPerMs: number | null, expectedDowntimeMs: number | null = null): LoopTraceRow {
  return { timeMs, phase, estimateBytes: estimatePages * PAGE, pendingBytes: pendingPages * PAGE, thresholdBytes, synced, syncs, passes, windowBandwidthBytesPerMs, expectedDowntimeMs, throttlePercent: 0 };
}

describe('simulateQemuLoop turn by turn', () => {
  test('measures nothing before the first window closes, then syncs once the estimate is below the threshold and completes', () => {
    // 120 pages: passes of 50, 50, 20. The first window opens at 0, before the 1 ms setup sync, and closes at
    // the first check at least 100 ms later: 101 ms, 100 pages, so a threshold of 409600/101 × 300 = 1216633.66 bytes, cut to 1216633.
    const run = simulateQemuLoop(idleGuest(120, {}));
    expect(run.trace).toEqual([
      row(1, 'setup', 120, 120, 0, true, 1, 0, null),
      row(51, 'iterate', 120, 70, 0, false, 1, 1, null),
      row(101, 'iterate', 70, 20, 1216633, false, 1, 2, 409600 / 101),
      // 20 pages < threshold: a sync (101 → 102), then completion: the final sync (→ 103) and the last 20 pages (→ 123).
      row(123, 'complete', 20, 0, 1216633, true, 3, 2, null),
    ]);
    expect(run).toMatchObject({
      converged: true, totalTimeMs: 123, downtimeMs: 21, downtimeLimitMs: 300, finalSyncMs: 1, dirtySyncCount: 3, passes: 2,
      sentBytes: 120 * PAGE, sentPages: 120, harvestedBytes: 120 * PAGE, pendingBytes: 0, expectedDowntimeMs: null, throttlePercent: 0,
    });
  });

  test('uses avail-switchover-bandwidth, divided by 1000 in whole bytes, instead of the measurement', () => {
    // 4,096,999 bytes/s → 4096 bytes per ms → a threshold of 4096 × 300 = 1228800 bytes at the first window.
    const run = simulateQemuLoop(idleGuest(120, { availSwitchoverBandwidthBytesPerSecond: 4_096_999 }));
    expect(run.trace[2]).toEqual(row(101, 'iterate', 70, 20, 1228800, false, 1, 2, 409600 / 101));
    // The same bandwidth under every-drain, whose threshold keeps its fraction: 4096 × 0.3 = 1228.8 bytes.
    const drain = simulateQemuLoop(idleGuest(120, { availSwitchoverBandwidthBytesPerSecond: 4_096_999, ruleSet: 'every-drain', downtimeLimitMs: 0.3 }));
    expect(drain.trace[2].thresholdBytes).toBeCloseTo(4096 * 0.3, 9);
  });

  test('keeps the fraction of a measured threshold under every-drain, and syncs only when the bitmap is empty', () => {
    // The same guest; the window closes at 101 ms with a threshold of 409600/101 × 300, not cut. The pass at
    // 101 ms empties the bitmap (20 pages → 121 ms), so the next turn syncs (→ 122), completes, and the final sync ends at 123.
    const run = simulateQemuLoop(idleGuest(120, { ruleSet: 'every-drain' }));
    const threshold = (409600 / 101) * 300;
    expect(run.trace).toEqual([
      row(1, 'setup', 120, 120, 0, true, 1, 0, null),
      row(51, 'iterate', 120, 70, 0, false, 1, 1, null),
      row(101, 'iterate', 70, 20, threshold, false, 1, 2, 409600 / 101),
      row(121, 'iterate', 20, 0, threshold, false, 1, 3, null),
      row(123, 'complete', 0, 0, threshold, true, 3, 3, null),
    ]);
    expect(run.downtimeMs).toBe(1);
  });

  test('waits out a spent budget until the window is 100 ms old, and completes at a pending equal to the threshold without a sync', () => {
    // max-bandwidth 409,600 bytes/s: 40,960 bytes (10 pages) per window. 25 pages, limit 50 ms.
    // Each window sends 10 pages in 10 ms, then waits; it closes at 100 ms with 409.6 bytes/ms: a threshold of 20480 bytes (5 pages).
    const run = simulateQemuLoop(idleGuest(25, { maxBandwidthBytesPerSecond: 409_600, downtimeLimitMs: 50 }));
    expect(run.trace).toEqual([
      row(1, 'setup', 25, 25, 0, true, 1, 0, null),
      row(100, 'wait', 25, 15, 20480, false, 1, 1, 409.6),
      row(200, 'wait', 15, 5, 20480, false, 1, 2, 409.6),
      // An estimate of 5 pages is not below the threshold (no sync) but is at it: QEMU completes on `pending_size <= threshold_size`.
      row(206, 'complete', 5, 0, 20480, true, 2, 2, null),
    ]);
    expect(run).toMatchObject({ converged: true, totalTimeMs: 206, downtimeMs: 6, finalSyncMs: 1, dirtySyncCount: 2 });
  });

  test('gives a pass what is left of the window\'s budget after the passes before it', () => {
    // max-bandwidth 2,560,000 bytes/s: 256,000 bytes (62.5 pages) per window, 2560 bytes/ms, a threshold of
    // 2560 × 50 = 128,000 bytes (31.25 pages). In each window a 50-page pass by time, then one of the 12.5 pages left.
    const run = simulateQemuLoop(idleGuest(200, { maxBandwidthBytesPerSecond: 2_560_000, downtimeLimitMs: 50 }));
    expect(run.trace).toEqual([
      row(1, 'setup', 200, 200, 0, true, 1, 0, null),
      row(51, 'iterate', 200, 150, 0, false, 1, 1, null),
      row(100, 'wait', 150, 137.5, 128000, false, 1, 2, 2560),
      row(150, 'iterate', 137.5, 87.5, 128000, false, 1, 3, null),
      row(200, 'wait', 87.5, 75, 128000, false, 1, 4, 2560),
      row(250, 'iterate', 75, 25, 128000, false, 1, 5, null),
      // 25 pages < 31.25: sync 250 → 251, complete: final sync → 252, the last 25 pages (no rate limit) → 277.
      row(277, 'complete', 25, 0, 128000, true, 3, 5, null),
    ]);
    expect(run.downtimeMs).toBe(26);
  });

  test('runs a max-bandwidth whose window budget rounds to 0 bytes as no limit, as QEMU does', () => {
    // 5e-324 bytes/s: a tenth of it is 0 whole bytes, and QEMU reads a budget of 0 as "no rate limit".
    const tiny = simulateQemuLoop(idleGuest(120, { maxBandwidthBytesPerSecond: Number.MIN_VALUE, maxTimeMs: 250 }));
    const unlimited = simulateQemuLoop(idleGuest(120, { maxBandwidthBytesPerSecond: 0, maxTimeMs: 250 }));
    expect(tiny.trace).toEqual(unlimited.trace);
    expect(tiny).toMatchObject({ converged: true, sentPages: unlimited.sentPages });
  });

  test('treats a turn too short for the clock to register as one that did nothing: it waits for the window to close', () => {
    // A link of 1e300 bytes/ms sends the one page in 4e-297 ms, which 1 ms + that rounds away. The turn waits until
    // 100 ms, where the window closes; the next turn syncs (→ 101) and completes (final sync → 102).
    const run = simulateQemuLoop(idleGuest(1, { linkBandwidthBytesPerMs: 1e300 }));
    expect(run.trace.map((r) => [r.timeMs, r.phase, r.passes])).toEqual([[1, 'setup', 0], [100, 'wait', 1], [102, 'complete', 1]]);
    expect(run).toMatchObject({ converged: true, totalTimeMs: 102, downtimeMs: 1, dirtySyncCount: 3 });
  });

  test('under QEMU 7.2 iterates at a pending equal to the threshold, then syncs and completes on an empty bitmap', () => {
    const run = simulateQemuLoop(idleGuest(25, { maxBandwidthBytesPerSecond: 409_600, downtimeLimitMs: 50, ruleSet: 'qemu-7.2' }));
    expect(run.trace).toEqual([
      row(1, 'setup', 25, 25, 0, true, 1, 0, null),
      row(100, 'wait', 25, 15, 20480, false, 1, 1, 409.6),
      row(200, 'wait', 15, 5, 20480, false, 1, 2, 409.6),
      // 5 pages are not below 20480 bytes: a pass of 5 pages (200 → 205), under budget, so no wait.
      row(205, 'iterate', 5, 0, 20480, false, 1, 3, null),
      // 0 < 20480: a sync (205 → 206), and 7.2 completes on an empty bitmap: the final sync ends at 207, nothing left to send.
      row(207, 'complete', 0, 0, 20480, true, 3, 3, null),
    ]);
    expect(run).toMatchObject({ converged: true, totalTimeMs: 207, downtimeMs: 1, finalSyncMs: 1, dirtySyncCount: 3, passes: 3 });
  });

  test('counts the setup cost in the first window and the switchover cost in the downtime', () => {
    // Setup 30 ms + sync 1 ms; passes end at 81 and 131 ms; the window closes at 131 ms (100 pages over 131 ms).
    const run = simulateQemuLoop(idleGuest(120, { setupCostMs: 30, switchoverCostMs: 4 }));
    expect(run.trace.slice(0, 3)).toEqual([
      row(31, 'setup', 120, 120, 0, true, 1, 0, null),
      row(81, 'iterate', 120, 70, 0, false, 1, 1, null),
      row(131, 'iterate', 70, 20, 938015, false, 1, 2, 409600 / 131),
    ]);
    // Sync 131 → 132, final sync → 133, 20 pages → 153, switchover → 157.
    expect(run).toMatchObject({ totalTimeMs: 157, downtimeMs: 25, finalSyncMs: 1 });
  });

  test('reports a run that has not completed at the time cap as such, with what is still pending', () => {
    // The cap is checked before each turn: a turn ending exactly at the cap is the last.
    const run = simulateQemuLoop(idleGuest(120, { maxTimeMs: 51 }));
    expect(run.trace.map((r) => r.timeMs)).toEqual([1, 51]);
    expect(run).toMatchObject({ converged: false, totalTimeMs: 51, downtimeMs: null, finalSyncMs: null, dirtySyncCount: 1, passes: 1, sentPages: 50, sentBytes: 50 * PAGE, pendingBytes: 70 * PAGE });
    // One that ends past it, too.
    expect(simulateQemuLoop(idleGuest(120, { maxTimeMs: 60 })).trace.map((r) => r.timeMs)).toEqual([1, 51, 101]);
  });

  test('records no trace when asked not to, and the same outcome', () => {
    const run = simulateQemuLoop(idleGuest(120, { trace: false }));
    expect(run.trace).toEqual([]);
    expect(run).toMatchObject({ converged: true, totalTimeMs: 123, downtimeMs: 21, dirtySyncCount: 3 });
  });
});

describe('simulateQemuLoop over long simulated times', () => {
  test('runs up to a maxTimeMs of 2^53 - 1 ms, where a 1 ms turn still moves the clock', () => {
    const top = Number.MAX_SAFE_INTEGER;
    expect(simulateQemuLoop(idleGuest(120, { maxTimeMs: top }))).toMatchObject({ converged: true, totalTimeMs: 123, downtimeMs: 21 });
    // One page, dirtied again at once: each turn sends it (1 ms) and the next syncs it back (0 ms). Started 2000 ms
    // before the end, the run takes 2000 turns of exactly 1 ms and stops at maxTimeMs.
    const busy = simulateQemuLoop(idleGuest(1, {
      setupCostMs: top - 2000, maxTimeMs: top, ruleSet: 'every-drain', downtimeLimitMs: 0, trace: false,
      workload: { kind: 'constant', dirtyRateBytesPerMs: 1e9 }, syncCost: { kind: 'constant', syncMs: 0 },
    }));
    expect(busy).toMatchObject({ converged: false, totalTimeMs: top, passes: 2000, dirtySyncCount: 2000, sentPages: 2000 });
  });
});

describe('simulateQemuLoop on bad input', () => {
  test('names itself and the parameter in the error, whichever part of the model checks it', () => {
    expect(() => simulateQemuLoop(idleGuest(120, { memoryBytes: 1000 }))).toThrow(new RangeError('simulateQemuLoop: memoryBytes must be a whole number of 4096-byte pages, got 1000'));
    expect(() => simulateQemuLoop(idleGuest(120, { syncCost: { kind: 'constant', syncMs: -1 } }))).toThrow(new RangeError('simulateQemuLoop: syncCost.syncMs must be >= 0, got -1'));
    expect(() => simulateQemuLoop(idleGuest(120, { workload: { kind: 'constant', dirtyRateBytesPerMs: -1 } }))).toThrow(new RangeError('simulateQemuLoop: workload.dirtyRateBytesPerMs must be >= 0, got -1'));
    // Past 2^53 ms the clock loses whole milliseconds to rounding, so a turn could stop moving it.
    expect(() => simulateQemuLoop(idleGuest(120, { maxTimeMs: 2 ** 53 }))).toThrow(new RangeError('simulateQemuLoop: maxTimeMs must be <= 9007199254740991, got 9007199254740992'));
  });
});
