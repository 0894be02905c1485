/**
 * The one-line explanations of where the closed forms and the simulators disagree: every disagreeing
 * estimator is explained, agreeing ones are not, and each cause's claim is checked against the
 * simulator or the model's numbers rather than taken on trust.
 */
import { describe, expect, test } from 'vitest';
import { explainDirtyRateDisagreement, explainDowntimeDisagreement } from '../../src/convergence/disagreement.ts';
import { dirtyRateThresholds, downtimeThresholds } from '../../src/convergence/threshold-comparison.ts';
import { BANDWIDTH_ESTIMATOR_NAMES } from '../../src/simulator/bandwidth-estimators.ts';
import { simulateMigration } from '../../src/simulator/migration-simulator.ts';

const GBPS = 1e6;
const GIB = 2 ** 30;

const causesOf = (d: readonly { cause: string; estimators: readonly string[] }[]) => Object.fromEntries(d.flatMap((e) => e.estimators.map((name) => [name, e.cause])));

describe('least downtime limit', () => {
  test('explains nothing where every simulator reproduces eq. (12) (x = 73 ms, except windowed-passes\' send passes)', () => {
    const t = downtimeThresholds(15 * GBPS, 10 * GBPS, 73);
    expect(t.simulated.windowed.downtimeMs).toBeCloseTo(219, 6);
    expect(causesOf(explainDowntimeDisagreement(t))).toEqual({ 'windowed-passes': 'send-passes' });
  });

  test('explains the windowed estimators in the short-iteration regime as outside the regime', () => {
    const d = explainDowntimeDisagreement(downtimeThresholds(15 * GBPS, 10 * GBPS, 12));
    expect(causesOf(d)).toEqual({ windowed: 'outside-regime', 'windowed-passes': 'outside-regime' });
    expect(d[0].explanation).toContain('x + t* = 36 ms < 100 ms');
  });

  test('explains a dirty rate near B by the memory cap, with the harvest the settled state would need', () => {
    const t = downtimeThresholds(15 * GBPS, 14.99 * GBPS, 73, { memoryBytes: GIB });
    const d = explainDowntimeDisagreement(t);
    expect(causesOf(d)).toEqual({ 'seed-premises': 'memory-cap', windowed: 'memory-cap', 'windowed-passes': 'memory-cap' });
    // t* = D·x/(B − D) = 109,427 ms; D·(x + t*) = B·t* bytes.
    const harvestGiB = (15 * GBPS * ((14.99 * 73) / 0.01)) / GIB;
    expect(d[0].explanation).toContain(`${Number(harvestGiB.toPrecision(4))} GiB, more than the 1 GiB of memory`);
    for (const name of BANDWIDTH_ESTIMATOR_NAMES) expect(t.simulated[name].downtimeMs).toBeLessThan(t.closedForm.downtimeLimitMs / 100);
  });
});

describe('greatest dirty rate', () => {
  test('explains a simulated rate where the closed form has none (y <= x) as the transient, and a non-monotone set by two simulated rates', () => {
    const t = dirtyRateThresholds(15 * GBPS, 150, 100);
    expect(t.closedForm.converges).toBe(false);
    const d = explainDirtyRateDisagreement(t);
    const causes = causesOf(d);
    expect(causes['seed-premises']).toBe('transient');
    expect(d.find((e) => e.cause === 'transient')?.explanation).toContain('y = 100 ms <= x = 150 ms');
    for (const entry of d.filter((e) => e.cause === 'non-monotone')) {
      const [converging, failing] = [...entry.explanation.matchAll(/D = ([\d.]+) GB\/s/g)].map((m) => Number(m[1]) * GBPS);
      expect(converging).toBeGreaterThan(failing);
      for (const estimator of entry.estimators) {
        const run = (D: number) => simulateMigration({ bandwidthBytesPerMs: 15 * GBPS, dirtyRateBytesPerMs: D, syncMs: 150, memoryBytes: 256 * GIB }, 100, estimator).converged;
        // The printed rates are rounded to 4 digits; the cause must survive that.
        expect([run(converging), run(failing)]).toEqual([true, false]);
      }
    }
    expect(Object.keys(causes).sort()).toEqual([...BANDWIDTH_ESTIMATOR_NAMES].sort());
  });

  test('explains saturation at D = B by the memory cap', () => {
    const t = dirtyRateThresholds(15 * GBPS, 12, 2000, { memoryBytes: GIB });
    expect(t.simulated['seed-premises'].saturated).toBe(true);
    expect(causesOf(explainDirtyRateDisagreement(t))).toEqual({ 'seed-premises': 'memory-cap', windowed: 'memory-cap', 'windowed-passes': 'memory-cap' });
  });
});
