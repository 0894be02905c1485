/**
 * Each recorded QEMU migration against the loop model (`simulateQemuLoop`, QEMU 7.2's rules) given
 * what was measured, the same bandwidth and downtime limits, and the sync cost and link speed QEMU
 * showed. Two workloads are offered to the model:
 *
 * - `calc-dirty-rate`: the dirty rate QEMU's `calc-dirty-rate` measured over 1 s before the
 *   migration, as a constant rate of distinct pages (the primary comparison);
 * - `working-set`: the guest's working set W and its write rate r from its heartbeats; the guest
 *   sweeps W in order, so `min(W, r·t)` distinct pages after t.
 *
 * Three calibration constants come from the whole experiment, never from the point being predicted:
 * the median sync duration, the median link speed while the guest was stopped, and the pages the guest
 * holds outside its working set (BIOS, tables, code), which the first pass sends; zero pages cost QEMU
 * almost nothing to send, so the model's memory is the non-zero part of RAM.
 */
import type { DirtyCurve } from '../dirty-curve/dirty-curve.ts';
import { simulateQemuLoop } from '../simulator/qemu-loop/migration-loop.ts';
import type { LoopOutcome } from '../simulator/qemu-loop/loop-trace.ts';
import type { ExperimentRun } from './experiment-trace.ts';
import { GUEST_PAGE_BYTES } from './guest-image.ts';
import { measuredFigures, median, type MeasuredFigures } from './measured-figures.ts';

/** The experiment-wide constants the model is given. */
export interface ModelCalibration {
  /** Median bitmap sync duration over every traced sync (ms). */
  readonly syncMs: number;
  /** Median of downtime bytes / downtime over the completed runs (bytes per ms). */
  readonly linkBytesPerMs: number;
  /** Median non-zero pages outside the working set, from the bytes of each run's first pass (pages). */
  readonly staticPages: number;
}

/** Where the model's workload comes from. */
export type WorkloadSource = 'calc-dirty-rate' | 'working-set';

/** Both sources, primary first. */
export const WORKLOAD_SOURCES: readonly WorkloadSource[] = ['calc-dirty-rate', 'working-set'];

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
 * The calibration constants of an experiment.
 * @param runs - every recorded run
 * @returns the constants
 * @throws Error when the runs hold no sync, no completed run with downtime bytes, or no finished first pass
 */
export function calibrateModel(runs: readonly ExperimentRun[]): ModelCalibration {
  const syncMs = median(runs.flatMap((run) => run.syncs.map((sync) => sync[1])));
  const linkBytesPerMs = median(runs.map((run) => measuredFigures(run).stoppedLinkBytesPerMs).filter((x): x is number => x !== null));
  const staticPages = median(
    runs.flatMap((run) => {
      const bytes = firstPassBytes(run);
      return bytes === null ? [] : [Math.max(0, Math.round(bytes / GUEST_PAGE_BYTES) - run.workingSetPages)];
    }),
  );
  if (syncMs === null || linkBytesPerMs === null || staticPages === null) throw new Error('calibrateModel: the runs must hold syncs, completed runs with downtime bytes and a finished first pass');
  return { syncMs, linkBytesPerMs, staticPages };
}

/** The guest's dirty curve: it rewrites its working set in order, so `min(W, r·t)` distinct pages after t. */
function sweepCurve(totalPages: number, workingSetPages: number, pagesPerSecond: number): DirtyCurve {
  return {
    pageSizeBytes: GUEST_PAGE_BYTES,
    totalPages,
    zeroPages: totalPages - workingSetPages,
    maxDirtyPages: workingSetPages,
    dirtyPagesAfter: (elapsedMs) => Math.min(workingSetPages, (pagesPerSecond * elapsedMs) / 1000),
  };
}

/**
 * The guest's write rate: as measured from its heartbeats, or as it was told when the host, starved on
 * the shared machine, saw no heartbeat during the measurement (pages/s).
 * @param run - the recorded run
 * @returns pages per second
 */
export function writePagesPerSecond(run: ExperimentRun): number {
  return run.measuredWritePagesPerS > 0 ? run.measuredWritePagesPerS : run.guestPagesPerSecond;
}

/**
 * The model's prediction for a run.
 * @param run - the recorded run (its settings and measured write rate are used, not its outcome)
 * @param calibration - the experiment-wide constants
 * @param source - where the workload comes from
 * @returns the loop model's outcome
 */
export function predictRun(run: ExperimentRun, calibration: ModelCalibration, source: WorkloadSource): LoopOutcome {
  const totalPages = run.workingSetPages + calibration.staticPages;
  // calc-dirty-rate reports MiB (2^20 bytes) per second.
  const measuredBytesPerMs = ((run.calcDirtyRate[0]?.dirtyRateMiBPerS ?? 0) * 1024 * 1024) / 1000;
  return simulateQemuLoop({
    memoryBytes: totalPages * GUEST_PAGE_BYTES,
    pageSizeBytes: GUEST_PAGE_BYTES,
    linkBandwidthBytesPerMs: calibration.linkBytesPerMs,
    maxBandwidthBytesPerSecond: run.maxBandwidthBytesPerS,
    downtimeLimitMs: run.downtimeLimitMs,
    workload: source === 'calc-dirty-rate' ? { kind: 'constant', dirtyRateBytesPerMs: measuredBytesPerMs } : { kind: 'measured', curve: sweepCurve(totalPages, run.workingSetPages, writePagesPerSecond(run)) },
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
export function agreementFigures(comparisons: readonly PointComparison[]): AgreementFigures {
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
