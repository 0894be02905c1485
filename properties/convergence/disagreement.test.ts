/**
 * The one-line explanations of where the closed forms and the simulators disagree: every disagreeing
 * estimator is explained, agreeing ones are not, and each cause's claim is checked against the
 * simulator or the model's numbers rather than taken on trust.
 */
import { describe, expect, test } from 'vitest';
import { explainDirtyRateDisagreement, explainDowntimeDisagreement } from '../../src/convergence/disagreement.ts';
import { dirtyRateThresholds, type DowntimeThresholds, downtimeThresholds } from '../../src/convergence/threshold-comparison.ts';
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

describe('least downtime limit, classified from given thresholds', () => {
  // B = 15 GB/s, D = 10 GB/s, x = 73 ms: t* = D·x/(B − D) = 146 ms, the settled harvest D·(x + t*) is
  // 2.19e9 bytes = 2.0396 GiB, and eq. (12) gives 219 ms. The simulated results are set by hand.
  type Simulated = DowntimeThresholds['simulated'];
  const agreeing = { converges: true, downtimeMs: 219, lowerMs: 218, iterations: 5 };
  const shortAgreeing = { converges: true, downtimeMs: 300 / 11, lowerMs: 27, iterations: 5 };
  const given = (simulated: Partial<Simulated>, memoryBytes = 256 * GIB): DowntimeThresholds => ({
    inputs: { bandwidthBytesPerMs: 15 * GBPS, dirtyRateBytesPerMs: 10 * GBPS, syncMs: 73, memoryBytes },
    closedForm: { downtimeLimitMs: 219, regime: 'long-iteration', equation: 12, transferMs: 146 },
    settledSendMs: 146,
    simulated: { 'seed-premises': agreeing, windowed: agreeing, 'windowed-passes': agreeing, ...simulated },
  });
  // x = 12 ms instead: t* = 24 ms, x + t* = 36 ms < 100 ms, and eq. (19) gives 100·D·x/((B − D)·(100 − x)) = 300/11 ms.
  const givenShort = (simulated: Partial<Simulated>): DowntimeThresholds => ({
    inputs: { bandwidthBytesPerMs: 15 * GBPS, dirtyRateBytesPerMs: 10 * GBPS, syncMs: 12, memoryBytes: 256 * GIB },
    closedForm: { downtimeLimitMs: 300 / 11, regime: 'short-iteration', equation: 19, transferMs: 24 },
    settledSendMs: 24,
    simulated: { 'seed-premises': shortAgreeing, windowed: shortAgreeing, 'windowed-passes': shortAgreeing, ...simulated },
  });
  const lower = { converges: true, downtimeMs: 150, lowerMs: 149, iterations: 5 };

  test('agrees within a relative 1e-6 of the larger value, and never where the simulation does not converge', () => {
    const near = (downtimeMs: number, converges = true) => explainDowntimeDisagreement(given({ windowed: { ...agreeing, converges, downtimeMs } }));
    expect(near(219 * (1 + 0.9e-6))).toEqual([]);
    expect(near(219 / (1 + 0.9e-6))).toEqual([]);
    // 1.0000005e-6 of 219 is inside the band measured from the larger value, outside one from the smaller.
    expect(near(219 * (1 + 1.0000005e-6))).toEqual([]);
    expect(causesOf(near(219 * (1 + 1.1e-6)))).toEqual({ windowed: 'transient' });
    expect(causesOf(near(219, false))).toEqual({ windowed: 'transient' });
  });

  test('blames the memory cap only when the settled harvest exceeds the memory, and says by how much', () => {
    const capped = explainDowntimeDisagreement(given({ 'seed-premises': lower, 'windowed-passes': lower }, GIB));
    expect(capped).toEqual([{
      cause: 'memory-cap',
      estimators: ['seed-premises', 'windowed-passes'],
      explanation: 'memory cap: the settled iteration would harvest D·(x + t*) = 2.04 GiB, more than the 1 GiB of memory; the simulators cap each harvest at the memory size',
    }]);
    // A memory of exactly the harvest holds it: no cap.
    expect(causesOf(explainDowntimeDisagreement(given({ 'seed-premises': lower }, 2.19e9)))).toEqual({ 'seed-premises': 'transient' });
  });

  test('names send passes for windowed-passes and the transient for the others in the long-iteration regime', () => {
    expect(explainDowntimeDisagreement(given({ 'seed-premises': lower, windowed: lower, 'windowed-passes': lower }))).toEqual([
      { cause: 'transient', estimators: ['seed-premises', 'windowed'], explanation: 'transient: from all memory dirty the stop rule holds before the migration settles at t*; the closed form is a sufficient bound, not a necessary one' },
      { cause: 'send-passes', estimators: ['windowed-passes'], explanation: 'send passes: windows also close after 50 ms send passes, which measure close to B, so the stop rule holds with less than eq. (12)' },
    ]);
  });

  const shortLonger = { converges: true, downtimeMs: 35.03, lowerMs: 35.02, iterations: 9 };

  test('puts the windowed estimators outside the regime in the short-iteration regime, but not seed-premises', () => {
    expect(explainDowntimeDisagreement(givenShort({ 'seed-premises': shortLonger, windowed: shortLonger, 'windowed-passes': shortLonger }))).toEqual([
      { cause: 'transient', estimators: ['seed-premises'], explanation: 'transient: from all memory dirty the stop rule holds before the migration settles at t*; the closed form is a sufficient bound, not a necessary one' },
      { cause: 'outside-regime', estimators: ['windowed', 'windowed-passes'], explanation: 'outside the long-iteration regime: x + t* = 36 ms < 100 ms, so a window spans several iterations and measures about D, not the B·(100 − x)/100 that eq. (19) assumes' },
    ]);
  });
});
