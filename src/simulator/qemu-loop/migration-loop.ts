/**
 * QEMU's migration thread as an event-driven model (`migration_thread`): each turn of its loop runs
 * `migration_iteration_run`, then `migration_rate_limit`, which closes the bandwidth window when it is
 * 100 ms old and waits out a spent budget. An iteration syncs the dirty
 * bitmap when the rule set says so, completes when it says so, and otherwise sends one
 * `ram_save_iterate` pass of at most 50 ms (`MAX_WAIT`).
 *
 * Memory is counted in pages (expected values, not necessarily whole): the migration bitmap's pending
 * pages, and the guest's log of pages dirtied since the last harvest. A harvest ORs the log into the
 * bitmap, so a page dirtied twice, or dirtied while still pending, is sent once. The completion stops
 * the guest, runs the final sync, sends what is pending with no rate limit and pays the fixed
 * switchover cost; all of it counts towards the real downtime. A page the destination receives for the
 * first time can be sent at a speed of its own (the destination's first touch of its RAM).
 *
 * The first window opens when the thread starts, before the setup phase (its fixed cost, then the
 * setup sync of `ram_init_bitmaps`, which leaves every page pending and costs a sync's time like any
 * other).
 */
import { BandwidthWindow, type ClosedWindow } from './bandwidth-window.ts';
import { type LoopParameters, resolveLoopParameters } from './loop-parameters.ts';
import type { LoopOutcome, LoopTraceRow } from './loop-trace.ts';
import { windowBudgetBytes } from './rate-limit.ts';
import { loopRules } from './rule-sets.ts';
import { createSyncCost } from './sync-cost.ts';
import { ThrottlePeriod } from './throttle.ts';
import type { PagesSent, SendLimits } from './migration-pages.ts';
import { createMigrationPages } from './workloads.ts';

/** What QEMU puts on the wire for a page of zeros: an 8-byte header and the fill byte (`save_zero_page_to_file`). */
export const ZERO_PAGE_BYTES = 9;

/** The longest `ram_save_iterate` pass (`MAX_WAIT`), in ms. */
export const MAX_WAIT_MS = 50;

/** Bytes a window must carry before `expected-downtime` is updated (QEMU's "10000 is a small enough number"). */
const EXPECTED_DOWNTIME_MIN_BYTES = 10_000;

/**
 * Simulates one migration in QEMU's loop.
 * @param parameters - guest, link, limits, workload, sync cost and rule set
 * @returns whether and when it completed, its real downtime, counters and the trace
 * @throws TypeError/RangeError for parameters outside their domain
 */
export function simulateQemuLoop(parameters: LoopParameters): LoopOutcome {
  const fn = 'simulateQemuLoop';
  const p = resolveLoopParameters(fn, parameters);
  const pageBytes = p.pageSizeBytes;
  const totalPages = p.memoryBytes / pageBytes;
  const pages = createMigrationPages(fn, p.workload, totalPages, pageBytes, p.zeroPages);
  const costs = { pageBytes, zeroPageBytes: ZERO_PAGE_BYTES, firstSendMsPerByte: 1 / p.firstSendBandwidthBytesPerMs, msPerByte: 1 / p.linkBandwidthBytesPerMs };
  const syncCostMs = createSyncCost(fn, p.syncCost, totalPages, pageBytes);
  const rules = loopRules(p.ruleSet);
  const budgetBytes = windowBudgetBytes(p.maxBandwidthBytesPerSecond);
  const window = new BandwidthWindow();
  const throttle = new ThrottlePeriod(p.autoConverge, pageBytes);
  const trace: LoopTraceRow[] = [];

  let nowMs = 0;
  let guestRunning = true;
  let thresholdBytes = 0;
  let dirtyBytesLastSync = p.memoryBytes;
  let expectedDowntimeMs: number | null = null;
  let syncs = 0;
  let passes = 0;
  let sentBytes = 0;
  let sentPages = 0;
  let harvestedBytes = p.memoryBytes;

  const advance = (ms: number) => {
    nowMs += ms;
    if (guestRunning) pages.guestRan((ms * (100 - throttle.throttlePercent)) / 100);
  };
  const sync = () => {
    const startMs = nowMs;
    advance(syncCostMs(pages.loggedPages()));
    const newPages = pages.harvest();
    harvestedBytes += newPages * pageBytes;
    syncs++;
    dirtyBytesLastSync = pages.pendingPages() * pageBytes;
    throttle.afterSync(startMs, nowMs, newPages, sentBytes);
  };
  const send = (limits: SendLimits): PagesSent => {
    const sent = pages.send(limits, costs);
    sentBytes += sent.bytes;
    sentPages += sent.pages;
    window.record(sent.bytes);
    advance(sent.ms);
    return sent;
  };
  const closeWindow = (closed: ClosedWindow) => {
    const switchover = rules.hasSwitchoverBandwidth ? p.availSwitchoverBandwidthBytesPerSecond : 0;
    // QEMU divides the bytes-per-second parameter by 1000 in integer arithmetic.
    const expectedBytesPerMs = switchover > 0 ? Math.floor(switchover / 1000) : closed.bandwidthBytesPerMs;
    const threshold = expectedBytesPerMs * p.downtimeLimitMs;
    thresholdBytes = rules.wholeByteThreshold ? Math.floor(threshold) : threshold;
    if (throttle.dirtyPagesRate !== 0 && closed.sentBytes > EXPECTED_DOWNTIME_MIN_BYTES) {
      // QEMU stores it in an int64_t, so the fraction is cut off.
      expectedDowntimeMs = expectedBytesPerMs > 0 ? Math.trunc(dirtyBytesLastSync / expectedBytesPerMs) : null;
    }
  };
  const record = (phase: LoopTraceRow['phase'], estimateBytes: number, synced: boolean, closed: ClosedWindow | undefined) => {
    if (!p.trace) return;
    trace.push({
      timeMs: nowMs,
      phase,
      estimateBytes,
      pendingBytes: pages.pendingPages() * pageBytes,
      thresholdBytes,
      synced,
      syncs,
      passes,
      windowBandwidthBytesPerMs: closed?.bandwidthBytesPerMs ?? null,
      expectedDowntimeMs,
      throttlePercent: throttle.throttlePercent,
    });
  };

  advance(p.setupCostMs);
  sync();
  record('setup', p.memoryBytes, true, undefined);
  // Every turn ends later than it began: a turn that did nothing waits for the window to close.
  while (nowMs < p.maxTimeMs) {
    const estimateBytes = pages.pendingPages() * pageBytes;
    const startMs = nowMs;
    let synced = false;
    // QEMU skips the iteration while the budget is spent (migration_rate_exceeded). Here it never is at the
    // start of a turn: a turn that spends it waits below, and a wait always closes the window, which resets it.
    if (rules.syncNow(estimateBytes, thresholdBytes)) {
      sync();
      synced = true;
    }
    if (rules.completeNow(pages.pendingPages() * pageBytes, thresholdBytes, synced)) {
      const finalSyncStartMs = nowMs;
      guestRunning = false;
      sync();
      const finalSyncMs = nowMs - finalSyncStartMs;
      send({ maxMs: Number.POSITIVE_INFINITY, maxBytes: Number.POSITIVE_INFINITY });
      advance(p.switchoverCostMs);
      const downtimeMs = nowMs - finalSyncStartMs;
      record('complete', estimateBytes, true, undefined);
      return outcome(true, downtimeMs, finalSyncMs);
    }
    passes++;
    send({ maxMs: MAX_WAIT_MS, maxBytes: budgetBytes - window.sentBytes });
    let closed = window.check(nowMs);
    if (closed !== undefined) closeWindow(closed);
    let phase: LoopTraceRow['phase'] = 'iterate';
    if (window.sentBytes >= budgetBytes || nowMs === startMs) {
      // A spent budget waits until the window is 100 ms old; a turn that did nothing spins until then.
      advance(Math.max(0, window.startMs + 100 - nowMs));
      closed = window.check(nowMs);
      if (closed !== undefined) closeWindow(closed);
      phase = 'wait';
    }
    record(phase, estimateBytes, synced, closed);
  }
  return outcome(false, null, null);

  function outcome(converged: boolean, downtimeMs: number | null, finalSyncMs: number | null): LoopOutcome {
    return {
      converged,
      totalTimeMs: nowMs,
      downtimeMs,
      downtimeLimitMs: p.downtimeLimitMs,
      finalSyncMs,
      dirtySyncCount: syncs,
      passes,
      sentBytes,
      sentPages,
      harvestedBytes,
      pendingBytes: pages.pendingPages() * pageBytes,
      expectedDowntimeMs,
      throttlePercent: throttle.throttlePercent,
      trace,
    };
  }
}
