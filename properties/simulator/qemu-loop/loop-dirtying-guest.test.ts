/**
 * The loop with a guest that dirties memory, on cases worked out by hand: what each sync harvests, the
 * `dirty-pages-rate` period that lets `expected-downtime` be set, the value QEMU reports, and the CPU
 * throttle slowing the guest down.
 *
 * The link carries one 4 KiB page per ms and the constant workload writes distinct new pages, so a pass
 * is 50 pages and every count below is a sum of binary fractions, exact in floating point.
 */
import { describe, expect, test } from 'vitest';
import { simulateQemuLoop } from '../../../src/simulator/qemu-loop/migration-loop.ts';
import type { LoopTraceRow } from '../../../src/simulator/qemu-loop/loop-trace.ts';
import { DEFAULT_AUTO_CONVERGE } from '../../../src/simulator/qemu-loop/throttle.ts';

const PAGE = 4096;

function row(timeMs: number, phase: LoopTraceRow['phase'], estimatePages: number, pendingPages: number, thresholdBytes: number, synced: boolean, syncs: number, passes: number, windowBandwidthBytesPerMs: number | null, expectedDowntimeMs: number | null): LoopTraceRow {
  return { timeMs, phase, estimateBytes: estimatePages * PAGE, pendingBytes: pendingPages * PAGE, thresholdBytes, synced, syncs, passes, windowBandwidthBytesPerMs, expectedDowntimeMs, throttlePercent: 0 };
}

describe('simulateQemuLoop with a dirtying guest', () => {
  test('sets expected-downtime only after a period of more than 1 s has a dirty-pages-rate, from the bytes pending at the last sync', () => {
    // 1200 pages, a quarter of a page dirtied per ms, a 10 ms limit, 1 ms syncs.
    const run = simulateQemuLoop({
      memoryBytes: 1200 * PAGE, linkBandwidthBytesPerMs: PAGE, maxBandwidthBytesPerSecond: 0, downtimeLimitMs: 10,
      workload: { kind: 'constant', dirtyRateBytesPerMs: PAGE / 4 }, syncCost: { kind: 'constant', syncMs: 1 },
    });
    // The first lap: 24 passes of 50 pages ending at 51, 101, …, 1201 ms; windows close at 101 ms (100 pages over
    // 101 ms: threshold ⌊409600/101 × 10⌋ = 40554) and every 100 ms after (4096 bytes/ms: 40960). The setup sync's
    // quarter page is less than a page, so the log keeps it.
    const lap: LoopTraceRow[] = [row(1, 'setup', 1200, 1200, 0, true, 1, 0, null, null)];
    for (let pass = 1; pass <= 24; pass++) {
      const closes = pass % 2 === 0;
      lap.push(row(1 + 50 * pass, 'iterate', 1250 - 50 * pass, 1200 - 50 * pass, pass < 2 ? 0 : pass < 4 ? 40554 : 40960, false, 1, pass, closes ? (pass === 2 ? 409600 / 101 : 4096) : null, null));
    }
    expect(run.trace.slice(0, 25)).toEqual(lap);
    expect(run.trace.slice(25)).toEqual([
      // Sync 1201 → 1202 ms harvests 1202 ms of writes: 300.5 pages. It closes the first period (0 → 1202 ms, over 1 s):
      // dirty-pages-rate ⌊300.5 × 1000 / 1202⌋ = 250, and 300.5 pages are pending at the sync.
      row(1252, 'iterate', 0, 250.5, 40960, true, 2, 25, null, null),
      // The window closing at 1302 ms (100 pages over 101 ms) sets expected-downtime: ⌊1230848 / (409600/101)⌋ = ⌊303.505⌋.
      row(1302, 'iterate', 250.5, 200.5, 40554, false, 2, 26, 409600 / 101, 303),
      row(1352, 'iterate', 200.5, 150.5, 40554, false, 2, 27, null, 303),
      // 1230848 / 4096 = 300.5, cut to 300.
      row(1402, 'iterate', 150.5, 100.5, 40960, false, 2, 28, 4096, 300),
      row(1452, 'iterate', 100.5, 50.5, 40960, false, 2, 29, null, 300),
      row(1502, 'iterate', 50.5, 0.5, 40960, false, 2, 30, 4096, 300),
      // Half a page is below the threshold: sync 1502 → 1503 harvests 301 ms of writes (75.25 pages); a pass of 50.
      row(1553, 'iterate', 0.5, 25.75, 40960, true, 3, 31, null, 300),
      row(1578.75, 'iterate', 25.75, 0, 40960, false, 3, 32, null, 300),
      // Sync → 1579.75 harvests 76.75 ms of writes (19.1875 pages), all sent by 1598.9375 ms.
      row(1598.9375, 'iterate', 0, 0, 40960, true, 4, 33, null, 300),
      // Sync → 1599.9375: 20.1875 ms of writes, 5.046875 pages, 20672 bytes <= 40960: complete. The final sync
      // (→ 1600.9375) finds the log just emptied and the guest stopped; the last 5.046875 pages end at 1605.984375.
      row(1605.984375, 'complete', 0, 0, 40960, true, 6, 33, null, 300),
    ]);
    expect(run).toMatchObject({
      converged: true, totalTimeMs: 1605.984375, downtimeMs: 6.046875, finalSyncMs: 1, dirtySyncCount: 6, passes: 33,
      sentPages: 1599.984375, sentBytes: 1599.984375 * PAGE, harvestedBytes: 1599.984375 * PAGE, pendingBytes: 0, expectedDowntimeMs: 300,
    });
  });

  test('stops the guest for the completion: the final sync finds nothing written after it began', () => {
    // 120 pages, an eighth of a page dirtied per ms, 10 ms syncs. The setup sync (0 → 10 ms) logs 1.25 pages, all
    // pending. Passes end at 60 and 110 ms; the window closes at 110 ms: ⌊409600/110 × 300⌋ = 1117090 bytes.
    // Sync 110 → 120 ms harvests 110 ms of writes (13.75 pages): 33.75 pending, 138240 bytes <= threshold, so the
    // guest stops; the final sync (120 → 130) finds an empty log, and the 33.75 pages take until 163.75 ms.
    const run = simulateQemuLoop({
      memoryBytes: 120 * PAGE, linkBandwidthBytesPerMs: PAGE, maxBandwidthBytesPerSecond: 0, downtimeLimitMs: 300,
      workload: { kind: 'constant', dirtyRateBytesPerMs: PAGE / 8 }, syncCost: { kind: 'constant', syncMs: 10 },
    });
    expect(run.trace.at(-1)).toEqual(row(163.75, 'complete', 20, 0, 1117090, true, 3, 2, null, null));
    expect(run).toMatchObject({ converged: true, totalTimeMs: 163.75, downtimeMs: 43.75, finalSyncMs: 10, sentPages: 133.75, harvestedBytes: 133.75 * PAGE });
  });

  test('updates expected-downtime only from a window that carried more than 10,000 bytes: at a budget of exactly 10,000 never', () => {
    // 30 pages, max-bandwidth 100,000 bytes/s: 10,000 bytes (2.44140625 pages) per 100 ms window, so a threshold of
    // 100 bytes/ms × 100 ms = 10,000 bytes. 80 ms syncs, 32 bytes/ms dirtied (the setup sync logs 0.625 page, kept).
    // Windows 0..11 send 29.296875 pages; at 1200 ms 0.703125 pages are pending: sync → 1280 ms harvests 1280 ms of
    // writes, 10 pages, closing a 1280 ms period (dirty-pages-rate 7). From then on every window still carries 10,000
    // bytes, which is not more than 10,000. At 1600 ms 0.9375 pages: sync → 1680 harvests 3.125 pages; a pass; at
    // 1700 ms 1.62109375 pages: sync → 1780 finds 0.78125 page (kept), so it completes: final sync → 1860, last send.
    const run = simulateQemuLoop({
      memoryBytes: 30 * PAGE, linkBandwidthBytesPerMs: PAGE, maxBandwidthBytesPerSecond: 100_000, downtimeLimitMs: 100,
      workload: { kind: 'constant', dirtyRateBytesPerMs: 32 }, syncCost: { kind: 'constant', syncMs: 80 },
    });
    expect(run.trace.map((r) => r.expectedDowntimeMs).filter((ms) => ms !== null)).toEqual([]);
    expect(run.trace.filter((r) => r.synced).map((r) => [r.timeMs, r.syncs])).toEqual([[80, 1], [1300, 2], [1700, 3], [run.totalTimeMs, 5]]);
    expect(run).toMatchObject({ converged: true, downtimeMs: expect.closeTo(81.62109375, 9), finalSyncMs: 80, dirtySyncCount: 5, passes: 17, expectedDowntimeMs: null });
    expect(run.totalTimeMs).toBeCloseTo(1861.62109375, 9);
    expect(run.harvestedBytes).toBe((30 + 10 + 3.125) * PAGE);
  });

  test('reports no expected-downtime when avail-switchover-bandwidth is under 1000 bytes/s (0 bytes per ms, where QEMU would divide by zero)', () => {
    // every-drain keeps syncing (0.875 page dirtied per ms: each sync finds a page or more), with a threshold of 0.
    const run = simulateQemuLoop({
      memoryBytes: 120 * PAGE, linkBandwidthBytesPerMs: PAGE, maxBandwidthBytesPerSecond: 0, downtimeLimitMs: 100, ruleSet: 'every-drain', availSwitchoverBandwidthBytesPerSecond: 999,
      workload: { kind: 'constant', dirtyRateBytesPerMs: 3584 }, syncCost: { kind: 'constant', syncMs: 1 }, maxTimeMs: 3000,
    });
    expect(run.converged).toBe(false);
    expect(new Set(run.trace.map((r) => r.thresholdBytes))).toEqual(new Set([0]));
    expect(new Set(run.trace.map((r) => r.expectedDowntimeMs))).toEqual(new Set([null]));
    // Windows carrying far more than 10,000 bytes did close after the first period of more than 1 s.
    expect(run.trace.some((r) => r.timeMs > 2000 && (r.windowBandwidthBytesPerMs ?? 0) * 100 > 10_000)).toBe(true);
  });

  test('runs a throttled guest (100 − p)% of the time: auto-converge at 20 % and then 30 % shrinks what the syncs harvest', () => {
    // 2000 pages, half a page per ms, 1 s syncs, every-drain with a limit of 0 (never completes), QEMU's default auto-converge.
    const run = simulateQemuLoop({
      memoryBytes: 2000 * PAGE, linkBandwidthBytesPerMs: PAGE, maxBandwidthBytesPerSecond: 0, downtimeLimitMs: 0, ruleSet: 'every-drain',
      workload: { kind: 'constant', dirtyRateBytesPerMs: PAGE / 2 }, syncCost: { kind: 'constant', syncMs: 1000 }, autoConverge: DEFAULT_AUTO_CONVERGE, maxTimeMs: 12_000,
    });
    const syncTurns = run.trace.filter((r) => r.synced).map((r) => [r.timeMs, r.pendingBytes / PAGE, r.throttlePercent]);
    expect(syncTurns).toEqual([
      // Setup sync 0 → 1000 ms: everything is pending, nothing is new.
      [1000, 2000, 0],
      // Sync 3000 → 4000 harvests 3000 ms of writes (1500 pages > half of 2000 sent: a high period); a pass of 50 follows.
      [4050, 1450, 0],
      // Sync 5500 → 6500: 2500 ms, 1250 pages > half of 1500: the second high period sets the throttle to 20 %.
      [6550, 1200, 20],
      // Sync 7750 → 8750: 2250 ms at 80 %, 900 pages (> half of 1250: high, counter at 1).
      [8800, 850, 20],
      // Sync 9650 → 10650: 1900 ms at 80 %, 760 pages (> half of 900: high again, throttle 30 %).
      [10700, 710, 30],
      // Sync 11410 → 12410: 1760 ms at 70 %, 616 pages.
      [12460, 566, 30],
    ]);
    expect(run).toMatchObject({ converged: false, totalTimeMs: 12_460, throttlePercent: 30, dirtySyncCount: 6 });
  });
});
