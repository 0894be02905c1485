/**
 * The committed QEMU traces replayed against the loop model: no QEMU needed. The agreement figures are
 * pinned, so a change to the model that moves them fails here and the documented figures get updated
 * with it; the targets the model meets are asserted as targets.
 */
import { describe, expect, it } from 'vitest';
import { readCommittedTrace } from '../../src/experiment/committed-traces.ts';
import { comparisonText } from '../../src/experiment/comparison-text.ts';
import { agreementFigures, calibrateModel, compareRun, WORKLOAD_SOURCES } from '../../src/experiment/model-comparison.ts';
import { repeatabilityFigures } from '../../src/experiment/repeatability.ts';
import { readDocSample } from '../docs/doc-sample.ts';

const sweep = readCommittedTrace('sweep');
const calibration = calibrateModel(sweep.runs);
const agreements = WORKLOAD_SOURCES.map((source) => [source, agreementFigures(sweep.runs.map((run) => compareRun(run, calibration, source)))] as const);
const primary = agreements[0][1];
const repeatability = repeatabilityFigures(sweep.runs);

describe('the loop model against the committed QEMU 7.2 sweep', () => {
  it('is calibrated from the experiment as a whole, and finds first sends slower than re-sends', () => {
    expect(calibration.syncMs).toBeGreaterThan(0);
    expect(calibration.syncMs).toBeLessThan(10);
    expect(calibration.staticPages).toBe(12);
    // QEMU's windows over first passes against the downtimes of completions after the first pass.
    expect(calibration.linkBytesPerMs).toBeGreaterThan(3 * calibration.firstSendBytesPerMs);
    expect(calibration.setupCostMs).toBeGreaterThan(0);
    expect(calibration.switchoverCostMs).toBeGreaterThan(0);
  });

  it('calibrates on any subset to whole pages, so a quick sweep can be compared too', () => {
    for (const count of [8, 16, 24]) {
      // Runs at 1024 MiB/s (no window held back) and 300 ms (large downtime sends) calibrate every constant.
      const runs = sweep.runs.filter((run) => run.outcome === 'completed' && run.maxBandwidthBytesPerS === 1024 * 1024 * 1024).slice(0, count);
      const subset = calibrateModel(runs);
      expect(Number.isInteger(subset.staticPages), `${count} runs`).toBe(true);
      expect(() => runs.map((run) => compareRun(run, subset, 'guest-progress'))).not.toThrow();
    }
  });

  it('agrees on the converge verdict on at least 90 % of the runs and on the sync count within ±1 on at least 80 %, given the guest\'s writes', () => {
    expect(primary.points).toBe(96);
    expect(primary.verdictAgreement).toBeGreaterThanOrEqual(0.9);
    expect(primary.syncCountWithinOne).toBeGreaterThanOrEqual(0.8);
  });

  it('agrees with QEMU on total time within 25 % at least as often as QEMU\'s repeated runs agree with their first runs', () => {
    expect(repeatability.points).toBe(48);
    expect(primary.totalTimeWithin25Percent).toBeGreaterThanOrEqual(repeatability.totalTimeWithin25Percent);
  });

  it('has the documented agreement figures for every workload source', () => {
    const counts = agreements.map(([source, a]) => [
      source,
      Math.round(a.verdictAgreement * a.points),
      a.bothConverged,
      Math.round(a.totalTimeWithin25Percent * a.bothConverged),
      Math.round(a.syncCountWithinOne * a.points),
    ]);
    expect(counts).toEqual([
      ['guest-progress', 96, 76, 52, 87],
      ['calc-dirty-rate', 89, 76, 42, 76],
      ['working-set', 92, 73, 51, 88],
    ]);
  });

  it('prints in the documentation what it computes', () => {
    const text = comparisonText(calibration, agreements, repeatability).join('\n');
    expect(readDocSample('docs/qemu-experiment.md', 'qemu-model-agreement')).toBe(text);
    expect(readDocSample('README.md', 'qemu-model-agreement')).toBe(text);
  });

  it('compares every point on verdict, total time, sync count, real downtime and expected-downtime', () => {
    const comparisons = sweep.runs.map((run) => compareRun(run, calibration, 'guest-progress'));
    for (const c of comparisons) {
      expect(c.verdictAgrees).toBe(c.measured.converged === c.predicted.converged);
      expect(c.totalTimeRatio === null).toBe(!(c.measured.converged && c.predicted.converged));
      if (c.measured.converged && c.predicted.converged) expect(c.downtimeDifferenceMs).not.toBeNull();
    }
    // Runs that iterated long enough for QEMU to set expected-downtime get a measured-against-predicted error.
    expect(comparisons.filter((c) => c.expectedDowntimeMedianErrorMs !== null).length).toBeGreaterThan(10);
  });
});
