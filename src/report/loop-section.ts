/**
 * The report's section on QEMU's migration loop: the seed's points through the seed, the three fluid
 * estimators and the loop model (least limit, the loop's real downtime, greatest dirty rate before and
 * after the patch), one loop run's trace as a plot and its last turns as text, and a survey of where
 * the closed form's verdict and the loop's differ.
 */
import { loopComparison, renderLoopComparison } from '../convergence/loop-comparison.ts';
import { SEED_VM_MEMORY_BYTES } from '../convergence/threshold-comparison.ts';
import { simulateQemuLoop } from '../simulator/qemu-loop/migration-loop.ts';
import { loopTracePlot, verdictSurvey, verdictSurveyPlot } from './loop-plots.ts';
import { heading, paragraph, type ReportBlock } from './report-document.ts';

/** Trace rows shown: the turns around the completion of one run. */
const TRACE_ROWS = 12;

/**
 * Builds the section.
 * @param quick - a quick report leaves out the comparison, whose searches take seconds, and surveys a
 *   coarser grid
 * @returns its blocks
 */
export async function loopSection(quick: boolean): Promise<ReportBlock[]> {
  const run = simulateQemuLoop({
    memoryBytes: SEED_VM_MEMORY_BYTES, linkBandwidthBytesPerMs: 15e6, maxBandwidthBytesPerSecond: 0, downtimeLimitMs: 150,
    workload: { kind: 'constant', dirtyRateBytesPerMs: 8e6 }, syncCost: { kind: 'constant', syncMs: 73 },
  });
  const traceText = [
    'time (ms)      pending (GB)  estimate (GB)  threshold (GB)  syncs  passes  expected-downtime (ms)',
    ...run.trace.slice(-TRACE_ROWS).map((row) => `${row.timeMs.toFixed(1).padEnd(15)}${(row.pendingBytes / 1e9).toFixed(3).padEnd(14)}${(row.estimateBytes / 1e9).toFixed(3).padEnd(15)}${(row.thresholdBytes / 1e9).toFixed(3).padEnd(16)}${String(row.syncs).padEnd(7)}${String(row.passes).padEnd(8)}${row.expectedDowntimeMs ?? '-'}`),
  ].join('\n');
  const survey = verdictSurvey(
    quick ? [6, 18, 30, 42, 54, 66, 78, 90] : Array.from({ length: 25 }, (_, i) => 4 * (i + 1)),
    quick ? [50, 100, 150, 200, 250, 300, 350, 400] : Array.from({ length: 16 }, (_, i) => 25 * (i + 1)),
  );
  const count = (agreement: string) => survey.filter((point) => point.agreement === agreement).length;
  return [
    heading(2, "QEMU's migration loop"),
    paragraph('The loop model runs QEMU\'s migration thread turn by turn: an exact sync only when the pending estimate is below the threshold, 50 ms passes, 100 ms windows, and a completion whose final sync and last send are the real downtime (docs/migration-loop.md).'),
    ...(quick
      ? [paragraph('The comparison of the seed\'s points across the models is left out of a quick report.')]
      : [heading(3, "The seed's points through every model"), paragraph('B = 15 GB/s, 256 GiB: least downtime limit at D = 10 GB/s, the loop\'s real downtime at it, and the greatest dirty rate at y = 150 ms, before (x = 73 ms) and after (x = 12 ms) the patch.'), { kind: 'code' as const, text: renderLoopComparison(loopComparison()) }]),
    heading(3, 'One run, turn by turn'),
    { kind: 'figure', id: 'loop-trace', svg: await loopTracePlot(run), caption: `B = 15 GB/s, D = 8 GB/s, x = 73 ms, y = 150 ms, 256 GiB, no rate limit. QEMU syncs only when its pending estimate falls below the threshold; between syncs the estimate falls as pages are sent; the threshold is the bandwidth estimate times the limit, near the axis at this scale. The run completes when the exact pending after a sync is at or below the threshold.` },
    heading(3, 'Where the closed form and the loop disagree'),
    { kind: 'figure', id: 'loop-verdict-survey', svg: await verdictSurveyPlot(survey), caption: `Converges or not, B = 15 GB/s, D = 10 GB/s, 256 GiB, on a grid of sync times x and downtime limits y: the closed form (y above eq. (12) or (19)'s least limit) against the loop model. Of ${survey.length} points, both converge on ${count('both converge')}, neither on ${count('neither converges')}, only the loop on ${count('only the loop converges')} and only the closed form on ${count('only the closed form converges')}. The loop needs less than eq. (12) for long iterations (its windows close inside 50 ms send passes and measure close to B) and more than eq. (19) for short ones (a window holds several syncs).` },
    heading(3, 'The last turns of one run'),
    paragraph(`B = 15 GB/s, D = 8 GB/s, x = 73 ms, y = 150 ms, no rate limit: completed after ${(run.totalTimeMs / 1000).toFixed(1)} s with ${run.dirtySyncCount} syncs; real downtime ${run.downtimeMs?.toFixed(1) ?? '-'} ms against the 150 ms limit.`),
    { kind: 'code', text: traceText },
  ];
}
