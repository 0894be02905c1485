/**
 * The comparison with the loop model as plain text, for the terminal and the documentation samples.
 */
import type { AgreementFigures, ModelCalibration, WorkloadSource } from './model-comparison.ts';

const MIB = 1024 * 1024;

const SOURCE_NAMES: Readonly<Record<WorkloadSource, string>> = {
  'calc-dirty-rate': 'calc-dirty-rate as a constant rate',
  'working-set': 'working set × the guest\'s write rate',
};

function share(count: number, of: number): string {
  return `${count}/${of} (${of === 0 ? 0 : Math.round((count / of) * 100)} %)`;
}

/**
 * The calibration and the agreement figures of each workload source.
 * @param calibration - the experiment-wide constants
 * @param agreements - the figures per workload source, primary first
 * @returns lines of text
 */
export function comparisonText(calibration: ModelCalibration, agreements: readonly (readonly [WorkloadSource, AgreementFigures])[]): string[] {
  const lines = [
    `loop model, QEMU 7.2 rules; sync ${calibration.syncMs.toFixed(2)} ms, link ${((calibration.linkBytesPerMs * 1000) / MIB).toFixed(0)} MiB/s, ${calibration.staticPages} non-zero pages outside the working set`,
  ];
  for (const [source, a] of agreements) {
    lines.push(
      `${SOURCE_NAMES[source]}: verdict ${share(Math.round(a.verdictAgreement * a.points), a.points)} [≥ 90 %], total time within 25 % ${share(Math.round(a.totalTimeWithin25Percent * a.bothConverged), a.bothConverged)} [all], syncs within ±1 ${share(Math.round(a.syncCountWithinOne * a.points), a.points)} [≥ 80 %]`,
    );
  }
  return lines;
}
