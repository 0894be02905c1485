/**
 * The report's QEMU experiment part: every recorded sweep point, measured against what the loop model
 * predicts for it, the agreement figures against their targets, and the lost-writes check. The data
 * are the committed traces; the predictions are computed now, by the current model.
 */
import type { ExperimentTrace } from '../experiment/experiment-trace.ts';
import type { LostWriteGroup } from '../experiment/lost-write-summary.ts';
import { readCommittedTrace } from '../experiment/committed-traces.ts';
import { comparisonText } from '../experiment/comparison-text.ts';
import { summariseLostWrites } from '../experiment/lost-write-summary.ts';
import {
  agreementFigures,
  calibrateModel,
  compareRun,
  migrationWritePagesPerSecond,
  WORKLOAD_SOURCES,
  type AgreementFigures,
  type ModelCalibration,
  type PointComparison,
  type WorkloadSource,
} from '../experiment/model-comparison.ts';
import { repeatabilityFigures } from '../experiment/repeatability.ts';
import { expectedDowntimePlot, pointsWithExpectedDowntime } from './expected-downtime-plot.ts';
import { heading, paragraph, type ReportBlock } from './report-document.ts';

/** What the part is built from. */
export interface QemuExperimentSectionInput {
  readonly sweep: ExperimentTrace;
  readonly calibration: ModelCalibration;
  /** Each point against the model with the primary workload source. */
  readonly comparisons: readonly PointComparison[];
  /** The agreement figures of each workload source, primary first. */
  readonly agreements: readonly (readonly [WorkloadSource, AgreementFigures])[];
  /** Each repeated run against the first run of its point. */
  readonly repeatability: AgreementFigures;
  readonly lostWrites: readonly LostWriteGroup[];
}

const MIB = 1024 * 1024;
const percent = (fraction: number): string => `${(fraction * 100).toFixed(0)} %`;
const ms = (value: number | null): string => (value === null ? '–' : value.toFixed(0));
const verdict = (converged: boolean): string => (converged ? 'yes' : 'no');

/**
 * Builds the part.
 * @param input - the traces, the comparisons and the lost-writes groups
 * @returns the blocks, with a plot of expected-downtime over time for the four points that report it most
 */
export async function qemuExperimentSection(input: QemuExperimentSectionInput): Promise<ReportBlock[]> {
  const { sweep, calibration, comparisons, agreements, repeatability, lostWrites } = input;
  const settings = new Map(sweep.runs.map((run) => [run.id, run]));
  return [
    heading(2, 'The loop model against real QEMU'),
    paragraph(
      `${sweep.runs.length} migrations of this project's guest between two QEMU ${sweep.qemu.version} processes (TCG, \`${sweep.qemu.machine}\`, ${sweep.qemu.package}) on one ${sweep.host.cores}-core host, recorded ${sweep.recordedAt.slice(0, 10)}, with 1-minute load averages of ${Math.min(...sweep.runs.map((r) => r.loadavgBefore[0]))}–${Math.max(...sweep.runs.map((r) => r.loadavgBefore[0]))} during the runs. Each is predicted by the loop model with QEMU 7.2's rules, the run's limits and measured writes, and constants calibrated on the experiment as a whole: sync ${calibration.syncMs.toFixed(2)} ms, link ${((calibration.firstSendBytesPerMs * 1000) / MIB).toFixed(0)} MiB/s for pages the destination receives for the first time and ${((calibration.linkBytesPerMs * 1000) / MIB).toFixed(0)} MiB/s for pages sent again, a switchover cost of ${calibration.switchoverCostMs.toFixed(1)} ms, ${calibration.staticPages} non-zero pages outside the working set.`,
    ),
    paragraph(`**Agreement** (measured against predicted; targets in brackets): ${comparisonText(calibration, agreements, repeatability).slice(1).join('; ')}. The table uses the first workload; the last figures score QEMU's repeated runs of each point against its first run, which bounds what any model can reach on this host.`),
    {
      kind: 'table',
      columns: ['point', 'max-bandwidth MiB/s', 'downtime-limit ms', 'working set MiB', 'writes pages/s', 'converged (QEMU / model)', 'total ms (QEMU / model)', 'syncs (QEMU / model)', 'downtime ms (QEMU / model)', 'expected-downtime median error ms'],
      numeric: [1, 2, 3, 4],
      rows: comparisons.map((c) => {
        const run = settings.get(c.id);
        return [
          c.id,
          run ? String(run.maxBandwidthBytesPerS / MIB) : '',
          run ? String(run.downtimeLimitMs) : '',
          run ? String((run.workingSetPages * 4096) / MIB) : '',
          run ? String(Math.round(migrationWritePagesPerSecond(run))) : '',
          `${verdict(c.measured.converged)} / ${verdict(c.predicted.converged)}${c.verdictAgrees ? '' : ' ✗'}`,
          `${ms(c.measured.totalTimeMs)} / ${ms(c.predicted.totalTimeMs)}`,
          `${c.measured.dirtySyncCount} / ${c.predicted.dirtySyncCount}`,
          `${ms(c.measured.downtimeMs)} / ${ms(c.predicted.downtimeMs)}`,
          ms(c.expectedDowntimeMedianErrorMs),
        ];
      }),
    },
    heading(3, 'expected-downtime over time'),
    {
      kind: 'figure',
      id: 'qemu-expected-downtime',
      svg: await expectedDowntimePlot(pointsWithExpectedDowntime(comparisons, 4)),
      caption: "What `query-migrate` reported as expected-downtime (QEMU 7.2: the bytes remaining at the last sync over the measured bandwidth) against what the loop model reports after each turn, for the four points where QEMU reported it most often.",
    },
    heading(3, 'Lost writes on QEMU 7.2'),
    paragraph(
      "The guest checks every page of its working set once per round; on the destination a page that still holds an older round is a write the migration lost. QEMU 7.2's aligned sync clears dirty bits without re-arming TCG's write tracking, so a page whose TLB entry stays resident is written without being logged again.",
    ),
    {
      kind: 'table',
      columns: ['working set pages', 'max-bandwidth MiB/s', 'runs', 'completed', 'checked on the destination', 'with lost writes', 'lost writes (total)', 'most in one run'],
      numeric: [0, 1, 2, 3, 4, 5, 6, 7],
      rows: lostWrites.map((g) => [g.workingSetPages, g.maxBandwidthBytesPerS / MIB, g.runs, g.completed, g.checked, g.withLostWrites, g.lostWritesTotal, g.lostWritesMax].map(String)),
    },
  ];
}

/**
 * Replays the committed traces against the current model and builds the part.
 * @returns the blocks
 */
export function committedQemuExperimentSection(): Promise<ReportBlock[]> {
  const sweep = readCommittedTrace('sweep');
  const calibration = calibrateModel(sweep.runs);
  const agreements = WORKLOAD_SOURCES.map((source) => [source, agreementFigures(sweep.runs.map((run) => compareRun(run, calibration, source)))] as const);
  const comparisons = sweep.runs.map((run) => compareRun(run, calibration, WORKLOAD_SOURCES[0]));
  const lostWrites = summariseLostWrites(readCommittedTrace('lost-writes').runs);
  return qemuExperimentSection({ sweep, calibration, comparisons, agreements, repeatability: repeatabilityFigures(sweep.runs), lostWrites });
}
