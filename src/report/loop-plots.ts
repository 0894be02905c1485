/**
 * The loop section's figures: one run's trace (pending data, the pending estimate and the threshold
 * over time, with the syncs marked), and a survey of where the cover letter's verdict, eq. (12)/(19),
 * and the loop model's verdict on the same (x, y) differ.
 */
import type { TopLevelSpec } from 'vega-lite';
import { minDowntime } from '../convergence/min-downtime.ts';
import { SEED_VM_MEMORY_BYTES } from '../convergence/threshold-comparison.ts';
import type { LoopOutcome } from '../simulator/qemu-loop/loop-trace.ts';
import { simulateQemuLoop } from '../simulator/qemu-loop/migration-loop.ts';
import { renderPlot } from './plot.ts';

/** The survey's fixed rates: the cover letter's B = 15 GB/s and D = 10 GB/s (bytes per ms). */
const SURVEY_BANDWIDTH_BYTES_PER_MS = 15e6;
const SURVEY_DIRTY_RATE_BYTES_PER_MS = 10e6;

/** How the two verdicts on one (x, y) compare. */
export type VerdictAgreement = 'both converge' | 'neither converges' | 'only the loop converges' | 'only the closed form converges';

/** One point of the survey. */
export interface VerdictSurveyPoint {
  readonly syncMs: number;
  readonly downtimeLimitMs: number;
  readonly agreement: VerdictAgreement;
}

/**
 * The verdicts of the closed form (y above eq. (12) or (19)'s least limit) and of the loop model (the
 * migration completes) over a grid of sync times and downtime limits, B = 15 GB/s, D = 10 GB/s, 256 GiB.
 * @param syncTimesMs - the sync times x (ms)
 * @param downtimeLimitsMs - the downtime limits y (ms)
 * @returns one point per (x, y)
 */
export function verdictSurvey(syncTimesMs: readonly number[], downtimeLimitsMs: readonly number[]): VerdictSurveyPoint[] {
  return syncTimesMs.flatMap((syncMs) => {
    const closedFormLimitMs = minDowntime(SURVEY_BANDWIDTH_BYTES_PER_MS, SURVEY_DIRTY_RATE_BYTES_PER_MS, syncMs).downtimeLimitMs;
    return downtimeLimitsMs.map((downtimeLimitMs): VerdictSurveyPoint => {
      const loop = simulateQemuLoop({
        memoryBytes: SEED_VM_MEMORY_BYTES, linkBandwidthBytesPerMs: SURVEY_BANDWIDTH_BYTES_PER_MS, maxBandwidthBytesPerSecond: 0, downtimeLimitMs,
        workload: { kind: 'constant', dirtyRateBytesPerMs: SURVEY_DIRTY_RATE_BYTES_PER_MS }, syncCost: { kind: 'constant', syncMs },
      }).converged;
      const closedForm = downtimeLimitMs > closedFormLimitMs;
      const agreement: VerdictAgreement = loop && closedForm ? 'both converge' : !loop && !closedForm ? 'neither converges' : loop ? 'only the loop converges' : 'only the closed form converges';
      return { syncMs, downtimeLimitMs, agreement };
    });
  });
}

/**
 * The survey as a grid of coloured cells.
 * @param points - the survey
 * @returns the SVG
 */
export function verdictSurveyPlot(points: readonly VerdictSurveyPoint[]): Promise<string> {
  const spec: TopLevelSpec = {
    width: 560,
    height: 300,
    data: { values: points.map((p) => ({ ...p })) },
    mark: { type: 'rect' },
    encoding: {
      x: { field: 'syncMs', type: 'ordinal', title: 'bitmap sync time x (ms)' },
      y: { field: 'downtimeLimitMs', type: 'ordinal', sort: 'descending', title: 'downtime limit y (ms)' },
      color: {
        field: 'agreement',
        type: 'nominal',
        title: 'verdict',
        scale: { domain: ['both converge', 'neither converges', 'only the loop converges', 'only the closed form converges'], range: ['#9bd49b', '#dddddd', '#3b7dd8', '#d8563b'] },
      },
    },
  };
  return renderPlot(spec);
}

/**
 * One run's trace: pending data, the pending estimate and the threshold over time, and a rule at each
 * sync.
 * @param run - a loop run with its trace
 * @returns the SVG
 */
export function loopTracePlot(run: LoopOutcome): Promise<string> {
  const rows = run.trace.flatMap((row) => [
    { timeS: row.timeMs / 1000, series: 'pending (exact)', gigabytes: row.pendingBytes / 1e9 },
    { timeS: row.timeMs / 1000, series: 'pending estimate', gigabytes: row.estimateBytes / 1e9 },
    { timeS: row.timeMs / 1000, series: 'threshold', gigabytes: row.thresholdBytes / 1e9 },
  ]);
  const syncTimes = run.trace.filter((row, i) => i > 0 && row.syncs > run.trace[i - 1].syncs).map((row) => ({ timeS: row.timeMs / 1000 }));
  const spec = {
    width: 560,
    height: 280,
    layer: [
      { data: { values: syncTimes }, mark: { type: 'rule', color: '#bbbbbb', strokeDash: [3, 3] }, encoding: { x: { field: 'timeS', type: 'quantitative' } } },
      {
        data: { values: rows },
        mark: { type: 'line', strokeWidth: 1.5, interpolate: 'step-after' },
        encoding: {
          x: { field: 'timeS', type: 'quantitative', title: 'time since the migration started (s); dashed: an exact sync' },
          y: { field: 'gigabytes', type: 'quantitative', title: 'data (GB)' },
          color: { field: 'series', type: 'nominal', title: 'quantity' },
        },
      },
    ],
  } as TopLevelSpec;
  return renderPlot(spec);
}
