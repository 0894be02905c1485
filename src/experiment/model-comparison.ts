/**
 * Each recorded QEMU migration against the loop model (`simulateQemuLoop`, QEMU 7.2's rules) given
 * what was measured, the same bandwidth and downtime limits, and the sync cost and link speeds QEMU
 * showed. Three workloads are offered to the model:
 *
 * - `guest-progress` (the primary comparison): the guest's own writes while it migrated, from its
 *   heartbeats, as the sweep they are: the working set rewritten in address order from where the
 *   writer was when the migration started, simulated page by page against the send cursor;
 * - `calc-dirty-rate`: the dirty rate QEMU's `calc-dirty-rate` measured over 1 s before the
 *   migration, as a constant rate of distinct pages;
 * - `working-set`: the working set with the write rate the guest showed before the migration.
 *
 * The calibration constants come from the whole experiment, never from the point being predicted:
 * the median sync duration and the rest of the setup phase; the speed of pages the destination
 * receives for the first time, as QEMU measured it in the windows no bandwidth limit held back; the
 * fixed cost of a switchover and the speed of pages sent again, from the downtimes of the completed
 * runs; and the pages the guest holds outside its working set (BIOS, tables, code). The rest of RAM
 * is pages of zeros, in QEMU's bitmap and pending estimate like any page until the first pass sends
 * each as a header.
 */
import type { DirtyCurve } from '../dirty-curve/dirty-curve.ts';
import { simulateQemuLoop } from '../simulator/qemu-loop/migration-loop.ts';
import type { LoopOutcome } from '../simulator/qemu-loop/loop-trace.ts';
import type { ExperimentRun } from './experiment-trace.ts';
import { GUEST_PAGE_BYTES, WORKING_SET_BASE_BYTES } from './guest-image.ts';
import { measuredFigures, median, type MeasuredFigures } from './measured-figures.ts';

/** The experiment-wide constants the model is given. */
export interface ModelCalibration {
  /** Median bitmap sync duration over every traced sync (ms). */
  readonly syncMs: number;
  /** Pages the destination receives for the first time: the median bandwidth QEMU measured in the windows no `max-bandwidth` could hold back (bytes per ms). */
  readonly firstSendBytesPerMs: number;
  /** Pages the destination already holds: least squares over the completions after the first pass that re-sent 1 MB or more (bytes per ms). */
  readonly linkBytesPerMs: number;
  /** Median `setup-time` less the median sync: the setup phase besides its sync (ms). */
  readonly setupCostMs: number;
  /** Median downtime, final sync left out, of the completions that sent under 1 MB: what a switchover costs besides its RAM (ms). */
  readonly switchoverCostMs: number;
  /** Median non-zero pages outside the working set, from the bytes of each run's first pass (pages). */
  readonly staticPages: number;
}

/** Where the model's workload comes from. */
export type WorkloadSource = 'guest-progress' | 'calc-dirty-rate' | 'working-set';

/** Every source, primary first. */
export const WORKLOAD_SOURCES: readonly WorkloadSource[] = ['guest-progress', 'calc-dirty-rate', 'working-set'];

/** The model's side of one point. */
export interface PredictedFigures {
  readonly converged: boolean;
  readonly totalTimeMs: number;
  readonly downtimeMs: number | null;
  readonly dirtySyncCount: number;
  readonly expectedDowntime: readonly (readonly [number, number])[];
}

/** One point, measured against predicted. */
export interface PointComparison {
  readonly id: string;
  readonly measured: MeasuredFigures;
  readonly predicted: PredictedFigures;
  readonly verdictAgrees: boolean;
  /** predicted / measured total time where both converged, else null. */
  readonly totalTimeRatio: number | null;
  /** predicted − measured sync count. */
  readonly syncCountDifference: number;
  /** predicted − measured real downtime where both converged (ms), else null. */
  readonly downtimeDifferenceMs: number | null;
  /** Median |predicted − measured| expected-downtime over the measured samples that carry one (ms), else null. */
  readonly expectedDowntimeMedianErrorMs: number | null;
}

/** The agreement over all points, as the targets state it. */
export interface AgreementFigures {
  readonly points: number;
  /** Fraction of points whose converge verdict agrees. */
  readonly verdictAgreement: number;
  /** Points where both converged. */
  readonly bothConverged: number;
  /** Fraction of those whose total time is within 25 %. */
  readonly totalTimeWithin25Percent: number;
  /** Fraction of points whose sync count is within ±1. */
  readonly syncCountWithinOne: number;
}

/** The first pass's bytes: transferred at the last sample before the second sync (bytes), or null when it never finished. */
function firstPassBytes(run: ExperimentRun): number | null {
  let previous: number | null = null;
  for (const row of run.samples) {
    if ((row[5] ?? 0) >= 2) return previous;
    previous = row[2];
  }
  return null;
}

/**
 * The link's speed as QEMU measured it in its own bandwidth windows (`threshold / downtime-limit`) in
 * the runs whose `max-bandwidth` budget for a window exceeds all of their RAM, so that no window was
 * held back by the limit. Those runs complete within a pass or two, so their windows measure mostly
 * pages the destination receives for the first time.
 * @param run - a recorded run
 * @returns one speed per distinct threshold (bytes per ms); none for other runs
 */
function unlimitedWindowSpeeds(run: ExperimentRun): number[] {
  if (run.maxBandwidthBytesPerS * WINDOW_SECONDS <= run.memoryBytes) return [];
  const thresholds = new Set(run.pendingChecks.map((check) => check[2]).filter((threshold) => threshold > 0));
  return [...thresholds].map((threshold) => threshold / run.downtimeLimitMs);
}

/** QEMU's bandwidth window (s). */
const WINDOW_SECONDS = 0.1;

/** Completions that sent less than this with the guest stopped show the switchover's fixed cost (bytes). */
const SMALL_DOWNTIME_BYTES = 1_000_000;

/**
 * The calibration constants of an experiment.
 * @param runs - every recorded run
 * @returns the constants
 * @throws Error when the runs hold no sync, no window the bandwidth limit could not hold back, no completion that sent little or much with the guest stopped, or no finished first pass
 */
export function calibrateModel(runs: readonly ExperimentRun[]): ModelCalibration {
  const syncMs = median(runs.flatMap((run) => run.syncs.map((sync) => sync[1])));
  const firstSendBytesPerMs = median(runs.flatMap(unlimitedWindowSpeeds));
  // Downtime − final sync = switchover cost + downtime bytes / link, over the completed runs.
  const completions = runs.flatMap((run) => {
    const finalSync = run.syncs[run.syncs.length - 1];
    const { downtimeMs, downtimeBytes, transferredBytes } = run.final;
    if (run.outcome !== 'completed' || downtimeMs === null || downtimeBytes === null || transferredBytes === null || finalSync === undefined) return [];
    // The first pass ended before the guest stopped when the bytes sent while it ran cover its working set.
    const afterFirstPass = transferredBytes - downtimeBytes >= run.workingSetPages * GUEST_PAGE_BYTES;
    return [{ bytes: downtimeBytes, ms: downtimeMs - finalSync[1], afterFirstPass }];
  });
  const setupMs = median(runs.flatMap((run) => (run.final.setupTimeMs === null ? [] : [run.final.setupTimeMs])));
  const switchoverCostMs = median(completions.filter((c) => c.bytes < SMALL_DOWNTIME_BYTES).map((c) => c.ms));
  // Least squares through that intercept, over the completions that re-sent 1 MB or more: the large sends, which dominate a downtime, weigh most.
  const resends = completions.filter((c) => c.afterFirstPass && c.bytes >= SMALL_DOWNTIME_BYTES);
  const resendMs = resends.reduce((sum, c) => sum + c.bytes * (c.ms - (switchoverCostMs ?? 0)), 0);
  const linkBytesPerMs = resendMs > 0 ? resends.reduce((sum, c) => sum + c.bytes * c.bytes, 0) / resendMs : null;
  const staticPages = median(
    runs.flatMap((run) => {
      const bytes = firstPassBytes(run);
      return bytes === null ? [] : [Math.max(0, Math.round(bytes / GUEST_PAGE_BYTES) - run.workingSetPages)];
    }),
  );
  if (syncMs === null || setupMs === null || firstSendBytesPerMs === null || switchoverCostMs === null || linkBytesPerMs === null || staticPages === null) {
    throw new Error('calibrateModel: the runs must hold syncs, setup times, a bandwidth window no limit held back, completions that sent under 1 MB and that re-sent 1 MB or more, and a finished first pass');
  }
  // The median of an even count can fall between two page counts; memory is whole pages.
  return { syncMs, setupCostMs: Math.max(0, setupMs - syncMs), firstSendBytesPerMs, linkBytesPerMs, switchoverCostMs: Math.max(0, switchoverCostMs), staticPages: Math.round(staticPages) };
}

/** The guest's dirty curve: it rewrites its working set in order, so `min(W, r·t)` distinct pages after t. */
function sweepCurve(totalPages: number, zeroPages: number, workingSetPages: number, pagesPerSecond: number): DirtyCurve {
  return {
    pageSizeBytes: GUEST_PAGE_BYTES,
    totalPages,
    zeroPages,
    maxDirtyPages: workingSetPages,
    dirtyPagesAfter: (elapsedMs) => Math.min(workingSetPages, (pagesPerSecond * elapsedMs) / 1000),
  };
}

/**
 * The guest's write rate before the migration: as measured from its heartbeats, or as it was told
 * when the host saw no heartbeat during the measurement (pages/s).
 * @param run - the recorded run
 * @returns pages per second
 */
export function writePagesPerSecond(run: ExperimentRun): number {
  return run.measuredWritePagesPerS > 0 ? run.measuredWritePagesPerS : run.guestPagesPerSecond;
}

/**
 * The guest's write rate while it migrated: the pages written between the first and the last
 * heartbeat seen during the migration over the time between them; the rate before the migration
 * when fewer than two heartbeats came (a migration shorter than about half a second).
 * @param run - the recorded run
 * @returns pages per second
 */
export function migrationWritePagesPerSecond(run: ExperimentRun): number {
  const progress = run.guestProgress ?? [];
  const first = progress[0];
  const last = progress[progress.length - 1];
  if (first === undefined || last === undefined || last[0] <= first[0]) return writePagesPerSecond(run);
  return ((last[1] - first[1]) * 1000) / (last[0] - first[0]);
}

/**
 * The model's prediction for a run.
 * @param run - the recorded run (its settings and measured write rate are used, not its outcome)
 * @param calibration - the experiment-wide constants
 * @param source - where the workload comes from
 * @returns the loop model's outcome
 */
export function predictRun(run: ExperimentRun, calibration: ModelCalibration, source: WorkloadSource): LoopOutcome {
  // All of RAM is in the bitmap; the pages of zeros count in QEMU's pending estimate but cost it a header each.
  const totalPages = run.memoryBytes / GUEST_PAGE_BYTES;
  const zeroPages = Math.max(0, totalPages - run.workingSetPages - calibration.staticPages);
  // calc-dirty-rate reports MiB (2^20 bytes) per second.
  const measuredBytesPerMs = ((run.calcDirtyRate[0]?.dirtyRateMiBPerS ?? 0) * 1024 * 1024) / 1000;
  const pagesPerSecond = source === 'guest-progress' ? migrationWritePagesPerSecond(run) : writePagesPerSecond(run);
  return simulateQemuLoop({
    memoryBytes: run.memoryBytes,
    zeroPages,
    pageSizeBytes: GUEST_PAGE_BYTES,
    linkBandwidthBytesPerMs: calibration.linkBytesPerMs,
    firstSendBandwidthBytesPerMs: calibration.firstSendBytesPerMs,
    switchoverCostMs: calibration.switchoverCostMs,
    setupCostMs: calibration.setupCostMs,
    maxBandwidthBytesPerSecond: run.maxBandwidthBytesPerS,
    downtimeLimitMs: run.downtimeLimitMs,
    workload:
      source === 'calc-dirty-rate'
        ? { kind: 'constant', dirtyRateBytesPerMs: measuredBytesPerMs }
        : source === 'guest-progress'
          ? { kind: 'sweep', firstPage: WORKING_SET_BASE_BYTES / GUEST_PAGE_BYTES, workingSetPages: run.workingSetPages, pagesPerSecond, writerStartOffset: (run.writerAtStart?.page ?? 0) % run.workingSetPages }
          : { kind: 'measured', curve: sweepCurve(totalPages, zeroPages, run.workingSetPages, pagesPerSecond) },
    syncCost: { kind: 'constant', syncMs: calibration.syncMs },
    ruleSet: 'qemu-7.2',
    maxTimeMs: run.timeoutMs,
  });
}

function valueAt(series: readonly (readonly [number, number])[], atMs: number): number | null {
  let value: number | null = null;
  for (const [timeMs, ms] of series) {
    if (timeMs > atMs) break;
    value = ms;
  }
  return value;
}

/**
 * Compares one run with its prediction.
 * @param run - the recorded run
 * @param calibration - the experiment-wide constants
 * @param source - where the model's workload comes from
 * @returns the comparison
 */
export function compareRun(run: ExperimentRun, calibration: ModelCalibration, source: WorkloadSource): PointComparison {
  const measured = measuredFigures(run);
  const outcome = predictRun(run, calibration, source);
  const predicted: PredictedFigures = {
    converged: outcome.converged,
    totalTimeMs: outcome.totalTimeMs,
    downtimeMs: outcome.downtimeMs,
    dirtySyncCount: outcome.dirtySyncCount,
    expectedDowntime: outcome.trace.filter((row) => row.expectedDowntimeMs !== null).map((row) => [row.timeMs, row.expectedDowntimeMs as number] as const),
  };
  const both = measured.converged && predicted.converged;
  const errors = measured.expectedDowntime.flatMap(([atMs, ms]) => {
    const value = valueAt(predicted.expectedDowntime, atMs);
    return value === null ? [] : [Math.abs(value - ms)];
  });
  return {
    id: run.id,
    measured,
    predicted,
    verdictAgrees: measured.converged === predicted.converged,
    totalTimeRatio: both ? predicted.totalTimeMs / measured.totalTimeMs : null,
    syncCountDifference: predicted.dirtySyncCount - measured.dirtySyncCount,
    downtimeDifferenceMs: both && measured.downtimeMs !== null && predicted.downtimeMs !== null ? predicted.downtimeMs - measured.downtimeMs : null,
    expectedDowntimeMedianErrorMs: median(errors),
  };
}

/**
 * The agreement figures over all points.
 * @param comparisons - one per run
 * @returns the fractions the targets are stated in
 */
export function agreementFigures(comparisons: readonly Pick<PointComparison, 'verdictAgrees' | 'totalTimeRatio' | 'syncCountDifference'>[]): AgreementFigures {
  const both = comparisons.filter((c) => c.totalTimeRatio !== null);
  const fraction = (count: number, of: number): number => (of === 0 ? 0 : count / of);
  return {
    points: comparisons.length,
    verdictAgreement: fraction(comparisons.filter((c) => c.verdictAgrees).length, comparisons.length),
    bothConverged: both.length,
    totalTimeWithin25Percent: fraction(both.filter((c) => Math.abs((c.totalTimeRatio as number) - 1) <= 0.25).length, both.length),
    syncCountWithinOne: fraction(comparisons.filter((c) => Math.abs(c.syncCountDifference) <= 1).length, comparisons.length),
  };
}
