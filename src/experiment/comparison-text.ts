/**
 * The comparison with the loop model as plain text, for the terminal and the documentation samples.
 */
import type { AgreementFigures, ModelCalibration, WorkloadSource } from './model-comparison.ts';

const MIB = 1024 * 1024;

const SOURCE_NAMES: Readonly<Record<WorkloadSource, string>> = {
  'guest-progress': 'the guest\'s writes while it migrated',
  'calc-dirty-rate': 'calc-dirty-rate as a constant rate',
  'working-set': 'working set × the guest\'s write rate before',
};

const mibPerS = (bytesPerMs: number) => ((bytesPerMs * 1000) / MIB).toFixed(0);

function share(count: number, of: number): string {
  return `${count}/${of} (${of === 0 ? 0 : Math.round((count / of) * 100)} %)`;
}

function agreementLine(name: string, a: AgreementFigures): string {
  return `${name}: verdict ${share(Math.round(a.verdictAgreement * a.points), a.points)} [≥ 90 %], total time within 25 % ${share(Math.round(a.totalTimeWithin25Percent * a.bothConverged), a.bothConverged)} [all], syncs within ±1 ${share(Math.round(a.syncCountWithinOne * a.points), a.points)} [≥ 80 %]`;
}

/**
 * The calibration, the agreement figures of each workload source and, when the sweep repeated its
 * points, QEMU's agreement with itself.
 * @param calibration - the experiment-wide constants
 * @param agreements - the figures per workload source, primary first
 * @param repeatability - later runs of each point scored against the first, or null
 * @returns lines of text
 */
export function comparisonText(calibration: ModelCalibration, agreements: readonly (readonly [WorkloadSource, AgreementFigures])[], repeatability: AgreementFigures | null = null): string[] {
  const lines = [
    `loop model, QEMU 7.2 rules; sync ${calibration.syncMs.toFixed(2)} ms, setup ${calibration.setupCostMs.toFixed(1)} ms, link ${mibPerS(calibration.firstSendBytesPerMs)} MiB/s for first sends and ${mibPerS(calibration.linkBytesPerMs)} MiB/s for re-sends, switchover ${calibration.switchoverCostMs.toFixed(1)} ms, ${calibration.staticPages} non-zero pages outside the working set`,
  ];
  for (const [source, a] of agreements) lines.push(agreementLine(SOURCE_NAMES[source], a));
  if (repeatability !== null && repeatability.points > 0) lines.push(agreementLine('QEMU against itself (each repeat against the first run of its point)', repeatability));
  return lines;
}
