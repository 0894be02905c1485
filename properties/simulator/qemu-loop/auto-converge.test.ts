/**
 * Auto-converge and `dirty-pages-rate` (`ThrottlePeriod`) against sequences of syncs worked out by hand
 * from QEMU's `migration_bitmap_sync`, `migration_trigger_throttle`, `mig_throttle_guest_down`,
 * `migration_update_rates` (migration/ram.c) and the defaults and ranges of migration/options.c.
 */
import { describe, expect, test } from 'vitest';
import { simulateQemuLoop } from '../../../src/simulator/qemu-loop/migration-loop.ts';
import { type AutoConvergeSettings, DEFAULT_AUTO_CONVERGE, ThrottlePeriod } from '../../../src/simulator/qemu-loop/throttle.ts';

const PAGE_BYTES = 4096;

/** One sync that takes 1 ms and ends at `endMs`: `[endMs, pages it newly set, bytes sent since the start]`. */
type Sync = readonly [endMs: number, newPages: number, totalSentBytes: number];

/** Runs the syncs in order and returns the throttle and `dirty-pages-rate` after each. */
function afterEach(period: ThrottlePeriod, syncs: readonly Sync[]): Array<[number, number]> {
  return syncs.map(([endMs, newPages, totalSentBytes]) => {
    period.afterSync(endMs - 1, endMs, newPages, totalSentBytes);
    return [period.throttlePercent, period.dirtyPagesRate];
  });
}

describe('DEFAULT_AUTO_CONVERGE', () => {
  test("is QEMU's: cpu-throttle-initial 20, increment 10, max-cpu-throttle 99, throttle-trigger-threshold 50", () => {
    expect(DEFAULT_AUTO_CONVERGE).toEqual({ initialPercent: 20, incrementPercent: 10, maxPercent: 99, triggerThresholdPercent: 50 });
  });
});

describe('ThrottlePeriod', () => {
  test('closes a period only at a sync that ends more than 1000 ms after the first sync started', () => {
    const period = new ThrottlePeriod(null, PAGE_BYTES);
    period.afterSync(500, 600, 0, 0); // the period opens at the first sync's start, 500 ms
    period.afterSync(1499, 1500, 7, 0); // 1500 is not more than 500 + 1000
    expect(period.dirtyPagesRate).toBe(0);
    period.afterSync(1500, 1500.5, 3, 0); // 10 pages over 1000.5 ms: 9.995 pages/s, cut to 9
    expect(period.dirtyPagesRate).toBe(9);
  });

  test('adds up the pages of every sync in a period and starts the next period from zero at the closing sync', () => {
    const period = new ThrottlePeriod(null, PAGE_BYTES);
    const rows = afterEach(period, [
      [1, 0, 0], // period 1 opens at 0 ms
      [401, 300, 0],
      [801, 400, 0],
      [1201, 500, 0], // closes: 1200 pages over 1201 ms, 999.17 pages/s
      [1601, 100, 0],
      [2202, 2000, 0], // closes: 2100 pages over 1001 ms (1201 to 2202), 2097.9 pages/s
    ]);
    expect(rows.map(([, rate]) => rate)).toEqual([0, 0, 0, 999, 999, 2097]);
  });

  test('raises a counter for each closed period whose dirtied bytes exceed the threshold share of the bytes sent in it; at 2 it throttles', () => {
    const period = new ThrottlePeriod(DEFAULT_AUTO_CONVERGE, PAGE_BYTES);
    // Every period is 1001 ms long and sends 8192 bytes: the trigger is 4096 bytes, one page.
    const rows = afterEach(period, [
      [1, 0, 0],
      [1001, 2, 8192], // high (1 of 2)
      [2002, 2, 16384], // high (2 of 2): start at cpu-throttle-initial
      [3003, 2, 24576], // high (1 of 2): the counter restarted
      [4004, 2, 32768], // high (2 of 2): + cpu-throttle-increment
      [5005, 1, 40960], // exactly the trigger: not high
      [6006, 2, 49152], // high (1 of 2)
      [7007, 0, 57344], // quiet: the counter is not reset
      [8008, 2, 65536], // high (2 of 2)
    ]);
    expect(rows.map(([throttle]) => throttle)).toEqual([0, 0, 20, 20, 30, 30, 30, 30, 40]);
  });

  test('compares with the bytes sent in the period, not since the migration started', () => {
    const period = new ThrottlePeriod(DEFAULT_AUTO_CONVERGE, PAGE_BYTES);
    // Period 1 sends 1 MiB and dirties 200 pages (800 KiB, above 512 KiB); the next three send 8192 bytes
    // each and dirty 2 pages (8192 bytes, above 4096 but far below half of everything sent).
    const rows = afterEach(period, [
      [1, 0, 0],
      [1001, 200, 2 ** 20],
      [2002, 2, 2 ** 20 + 8192],
      [3003, 2, 2 ** 20 + 16384],
      [4004, 2, 2 ** 20 + 24576],
    ]);
    expect(rows.map(([throttle]) => throttle)).toEqual([0, 0, 20, 20, 30]);
  });

  test('cuts the trigger to whole bytes, as QEMU does in uint64 arithmetic', () => {
    const period = new ThrottlePeriod(DEFAULT_AUTO_CONVERGE, PAGE_BYTES);
    // 8193 bytes sent at 50 %: 4096.5, cut to 4096. A period dirtying 1.0001 pages (4096.41 bytes) is high.
    const rows = afterEach(period, [
      [1, 0, 0],
      [1001, 1.0001, 8193],
      [2002, 1.0001, 16386],
    ]);
    expect(rows.map(([throttle]) => throttle)).toEqual([0, 0, 20]);
  });

  test('rises by the increment up to max-cpu-throttle and stays there', () => {
    const settings: AutoConvergeSettings = { initialPercent: 20, incrementPercent: 30, maxPercent: 45, triggerThresholdPercent: 50 };
    const period = new ThrottlePeriod(settings, PAGE_BYTES);
    const syncs: Sync[] = [[1, 0, 0]];
    for (let i = 1; i <= 6; i++) syncs.push([1 + 1001 * i, 2, 8192 * i]);
    expect(afterEach(period, syncs).map(([throttle]) => throttle)).toEqual([0, 0, 20, 20, 45, 45, 45]);
  });

  test('uses the settings given: another trigger threshold, initial and increment', () => {
    const settings: AutoConvergeSettings = { initialPercent: 5, incrementPercent: 7, maxPercent: 99, triggerThresholdPercent: 100 };
    const period = new ThrottlePeriod(settings, PAGE_BYTES);
    // At 100 % the trigger is everything sent (8192 bytes): 2 pages is not above it, 2.5 pages is.
    const rows = afterEach(period, [
      [1, 0, 0],
      [1001, 2, 8192],
      [2002, 2.5, 16384],
      [3003, 2.5, 24576],
      [4004, 2.5, 32768],
      [5005, 2.5, 40960],
    ]);
    expect(rows.map(([throttle]) => throttle)).toEqual([0, 0, 0, 5, 5, 12]);
  });

  test('without auto-converge never throttles, but still measures dirty-pages-rate', () => {
    const period = new ThrottlePeriod(null, PAGE_BYTES);
    const rows = afterEach(period, [
      [1, 0, 0],
      [1001, 5000, 8192],
      [2002, 5000, 16384],
      [3003, 5000, 24576],
    ]);
    // 5000 pages over 1001 ms: 4995.0 pages/s.
    expect(rows).toEqual([[0, 0], [0, 4995], [0, 4995], [0, 4995]]);
  });
});

// 1000 pages of 1000 bytes, 1 page per ms, the guest dirtying 0.8 pages per ms, free syncs after every drain.
const EIGHTY_PERCENT_GUEST = {
  memoryBytes: 1000 * 1000,
  pageSizeBytes: 1000,
  linkBandwidthBytesPerMs: 1000,
  maxBandwidthBytesPerSecond: 0,
  downtimeLimitMs: 10,
  workload: { kind: 'constant', dirtyRateBytesPerMs: 800 },
  syncCost: { kind: 'constant', syncMs: 0 },
  ruleSet: 'every-drain',
} as const;

describe('auto-converge in the loop', () => {
  test('starts the throttle at the sync that closes the second high period, and the guest then dirties at 80 %', () => {
    // Syncs at 0 (setup), 1000 (800 new; the period from 0 is not over), 1800 (640 new; the
    // period closes: 1440 pages dirtied against 1800 sent, above half: high 1), 2440 (512 new) and 2952
    // (409.6 new; the period from 1800 closes: 921.6 dirtied against 1152 sent: high 2, throttle 20 %).
    // The next drain of 409.6 ms then dirties 0.8 × 0.8 × 409.6 = 262.144 pages. Each row is the end of the
    // sync's turn, after a 50 ms pass.
    const run = simulateQemuLoop({ ...EIGHTY_PERCENT_GUEST, autoConverge: DEFAULT_AUTO_CONVERGE });
    const syncRows = run.trace.filter((row) => row.synced && row.phase === 'iterate').slice(0, 5);
    const expected = [
      [1050, 750, 2, 0],
      [1850, 590, 3, 0],
      [2490, 462, 4, 0],
      [3002, 359.6, 5, 20],
      [3411.6, 212.144, 6, 20],
    ];
    syncRows.forEach((row, i) => {
      const [timeMs, pendingPages, syncs, throttlePercent] = expected[i];
      expect(row.timeMs).toBeCloseTo(timeMs, 9);
      expect(row.pendingBytes / 1000).toBeCloseTo(pendingPages, 9);
      expect([row.syncs, row.throttlePercent]).toEqual([syncs, throttlePercent]);
    });
    expect(syncRows).toHaveLength(5);
  });

  test('leaves expected-downtime unset until a period has yielded a dirty-pages-rate', () => {
    // The same guest without auto-converge: the first period closes at the 1800 ms sync (640 pages
    // pending), so the first window to close after it, at 1900 ms (100 pages over 100 ms, 1000 bytes/ms),
    // is the first to set expected-downtime: 640,000 bytes / 1000 bytes/ms = 640 ms.
    const run = simulateQemuLoop({ ...EIGHTY_PERCENT_GUEST, autoConverge: null });
    const first = run.trace.findIndex((row) => row.expectedDowntimeMs !== null);
    expect([run.trace[first].timeMs, run.trace[first].expectedDowntimeMs, run.trace[first - 1].timeMs]).toEqual([1900, 640, 1850]);
  });
});
