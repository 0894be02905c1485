/**
 * The committed QEMU traces replayed against the loop model: no QEMU needed. The agreement figures are
 * pinned, so a change to the model that moves them fails here and the documented figures get updated
 * with it; the targets the model meets are asserted as targets.
 */
import { describe, expect, it } from 'vitest';
import { readCommittedTrace } from '../../src/experiment/committed-traces.ts';
import { comparisonText } from '../../src/experiment/comparison-text.ts';
import { agreementFigures, calibrateModel, compareRun, WORKLOAD_SOURCES } from '../../src/experiment/model-comparison.ts';
import { readDocSample } from '../docs/doc-sample.ts';

const sweep = readCommittedTrace('sweep');
const calibration = calibrateModel(sweep.runs);
const agreements = WORKLOAD_SOURCES.map((source) => [source, agreementFigures(sweep.runs.map((run) => compareRun(run, calibration, source)))] as const);
const primary = agreements[0][1];

describe('the loop model against the committed QEMU 7.2 sweep', () => {
  it('is calibrated from the experiment as a whole: median sync, median stopped-guest link, non-zero pages outside the set', () => {
    expect(calibration.syncMs).toBeGreaterThan(0);
    expect(calibration.syncMs).toBeLessThan(10);
    expect(calibration.staticPages).toBe(104);
  });

  it('agrees on the converge verdict on at least 90 % of the points, given calc-dirty-rate', () => {
    expect(primary.points).toBe(48);
    expect(primary.verdictAgreement).toBeGreaterThanOrEqual(0.9);
  });

  it('has the documented agreement figures for both workload sources', () => {
    const counts = agreements.map(([source, a]) => [
      source,
      Math.round(a.verdictAgreement * a.points),
      a.bothConverged,
      Math.round(a.totalTimeWithin25Percent * a.bothConverged),
      Math.round(a.syncCountWithinOne * a.points),
    ]);
    expect(counts).toEqual([
      ['calc-dirty-rate', 45, 42, 2, 30],
      ['working-set', 35, 29, 4, 19],
    ]);
  });

  it('prints in the documentation what it computes', () => {
    const text = comparisonText(calibration, agreements).join('\n');
    expect(readDocSample('docs/qemu-experiment.md', 'qemu-model-agreement')).toBe(text);
    expect(readDocSample('README.md', 'qemu-model-agreement')).toBe(text);
  });

  it('compares every point on verdict, total time, sync count, real downtime and expected-downtime', () => {
    const comparisons = sweep.runs.map((run) => compareRun(run, calibration, 'calc-dirty-rate'));
    for (const c of comparisons) {
      expect(c.verdictAgrees).toBe(c.measured.converged === c.predicted.converged);
      expect(c.totalTimeRatio === null).toBe(!(c.measured.converged && c.predicted.converged));
      if (c.measured.converged && c.predicted.converged) expect(c.downtimeDifferenceMs).not.toBeNull();
    }
    // Runs that iterated long enough for QEMU to set expected-downtime get a measured-against-predicted error.
    expect(comparisons.filter((c) => c.expectedDowntimeMedianErrorMs !== null).length).toBeGreaterThan(10);
  });
});
