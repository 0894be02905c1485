/**
 * The one-line explanations of where the closed forms and the simulators disagree: every disagreeing
 * estimator is explained, agreeing ones are not, and each cause's claim is checked against the
 * simulator or the model's numbers rather than taken on trust.
 */
import { describe, expect, test } from 'vitest';
import { explainDirtyRateDisagreement, explainDowntimeDisagreement } from '../../src/convergence/disagreement.ts';
import { maxDirtyRate } from '../../src/convergence/max-dirty-rate.ts';
import { type DirtyRateThresholds, dirtyRateThresholds, type DowntimeThresholds, downtimeThresholds } from '../../src/convergence/threshold-comparison.ts';
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

  test('explains searches that converge nowhere where the closed form converges, without a rate to cap', () => {
    // x = 1 µs, y = 1.1 µs, 1 MB: eq. (19) has a supremum, but the windowed estimators fail even at B·1e-9,
    // where simulatedMaxDirtyRate gives up (the searches, as dirtyRateThresholds finds them, are written
    // out: running them takes half a second).
    const [B, x, y, memoryBytes] = [15 * GBPS, 0.001, 0.0011, 1e6];
    const closedForm = maxDirtyRate(B, x, y);
    const nowhere = { converges: false, saturated: false, dirtyRateBytesPerMs: 0, upperBytesPerMs: B * 1e-9, intervals: 0 };
    const windowedConverges = (D: number) => simulateMigration({ bandwidthBytesPerMs: B, dirtyRateBytesPerMs: D, syncMs: x, memoryBytes }, y, 'windowed').converged;
    expect([closedForm.converges, windowedConverges(B * 1e-9)]).toEqual([true, false]);
    const t: DirtyRateThresholds = {
      inputs: { bandwidthBytesPerMs: B, syncMs: x, downtimeLimitMs: y, memoryBytes },
      closedForm,
      simulated: { 'seed-premises': { converges: true, saturated: false, dirtyRateBytesPerMs: closedForm.dirtyRateBytesPerMs, upperBytesPerMs: B, intervals: 1 }, windowed: nowhere, 'windowed-passes': nowhere },
    };
    expect(explainDirtyRateDisagreement(t)).toEqual([
      { cause: 'outside-regime', estimators: ['windowed', 'windowed-passes'], explanation: 'outside the long-iteration regime: y = 0.0011 ms < 100 ms puts the bound where iterations are shorter than a window, which then measures about D, not the B·(100 − x)/100 that eq. (19) assumes' },
    ]);
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

describe('greatest dirty rate, classified from given thresholds', () => {
  // B = 15 GB/s, x = 12 ms, y = 2000 ms, 1 GiB of memory: eq. (12) gives B·(y − x)/y = 14.91 GB/s. Every
  // probe rate (B·(i + 0.5)/16, at most 14.53 GB/s) converges here, so the set is one interval as far
  // as probed, and the hand-set simulated results decide the cause.
  type Simulated = DirtyRateThresholds['simulated'];
  const agreeing = { converges: true, saturated: false, dirtyRateBytesPerMs: 14.91 * GBPS, upperBytesPerMs: 14.92 * GBPS, intervals: 1 };
  const given = (simulated: Partial<Simulated>): DirtyRateThresholds => ({
    inputs: { bandwidthBytesPerMs: 15 * GBPS, syncMs: 12, downtimeLimitMs: 2000, memoryBytes: GIB },
    closedForm: { converges: true, dirtyRateBytesPerMs: 14.91 * GBPS, regime: 'long-iteration', equation: 12 },
    simulated: { 'seed-premises': agreeing, windowed: agreeing, 'windowed-passes': agreeing, ...simulated },
  });

  test('explains nothing where the rates agree within 1e-6', () => {
    expect(explainDirtyRateDisagreement(given({ windowed: { ...agreeing, dirtyRateBytesPerMs: 14.91 * GBPS * (1 + 0.9e-6) } }))).toEqual([]);
  });

  test('agrees at a difference of exactly 1e-6 of the larger value, and not one ulp beyond', () => {
    // B = 15 GB/s, x = 50 ms, y = 150 ms: eq. (12) gives B·(y − x)/y = 10 GB/s exactly. 1e-6 · 1e7 = 10 and
    // 1e7 − 9999990 = 10 are both exact in binary, so 9999990 sits on the band's edge.
    const base = given({});
    const at = (windowedBytesPerMs: number): DirtyRateThresholds => ({
      inputs: { bandwidthBytesPerMs: 15 * GBPS, syncMs: 50, downtimeLimitMs: 150, memoryBytes: 256 * GIB },
      closedForm: { converges: true, dirtyRateBytesPerMs: 10 * GBPS, regime: 'long-iteration', equation: 12 },
      simulated: { ...base.simulated, 'seed-premises': { ...agreeing, dirtyRateBytesPerMs: 10 * GBPS }, 'windowed-passes': { ...agreeing, dirtyRateBytesPerMs: 10 * GBPS }, windowed: { ...agreeing, dirtyRateBytesPerMs: windowedBytesPerMs } },
    });
    expect(explainDirtyRateDisagreement(at(9999990))).toEqual([]);
    expect(causesOf(explainDirtyRateDisagreement(at(9999990 - 2 ** -29)))).toEqual({ windowed: 'transient' });
  });

  test('does not blame the memory cap when the settled harvest exactly fills the memory', () => {
    // At D = 10 GB/s: t* = D·x/(B − D) = 24 ms and the harvest D·(x + t*) = 1e7 · 36 = 3.6e8 bytes, the memory's size.
    const low = { converges: true, saturated: false, dirtyRateBytesPerMs: 10 * GBPS, upperBytesPerMs: 14.6 * GBPS, intervals: 1 };
    const t = given({ 'seed-premises': low });
    expect(causesOf(explainDirtyRateDisagreement({ ...t, inputs: { ...t.inputs, memoryBytes: 3.6e8 } }))).toEqual({ 'seed-premises': 'transient' });
  });

  test('does not take the probe at exactly the bracket\'s failing end for one above it', () => {
    // The top probe is B·15.5/16 = 14.53125 GB/s. At D = 14.53 GB/s the settled harvest is
    // D·x·B/(B − D) = 14.53e6 · 12 · 15e6 / 0.47e6 = 5.5647e9 bytes = 5.183 GiB.
    const bracket = { converges: true, saturated: false, dirtyRateBytesPerMs: 14.53 * GBPS, upperBytesPerMs: 14531250, intervals: 1 };
    expect(explainDirtyRateDisagreement(given({ windowed: bracket }))).toEqual([{
      cause: 'memory-cap',
      estimators: ['windowed'],
      explanation: 'memory cap: at D = 14.53 GB/s the settled iteration would harvest D·(x + t*) = 5.183 GiB, more than the 1 GiB of memory; the simulators cap each harvest at the memory size',
    }]);
  });

  test('reports probes that converge above a search that converged nowhere as a non-monotone set', () => {
    // simulatedMaxDirtyRate gives up when even B·1e-9 = 0.015 bytes per ms fails; every probe converges here.
    // The simulation converges at every rounding of B·1e-9 too, so that rate is printed in full.
    const lowestBytesPerMs = 15 * GBPS * 1e-9;
    const nowhere = { converges: false, saturated: false, dirtyRateBytesPerMs: 0, upperBytesPerMs: lowestBytesPerMs, intervals: 0 };
    expect(explainDirtyRateDisagreement(given({ windowed: nowhere }))).toEqual([{
      cause: 'non-monotone',
      estimators: ['windowed'],
      explanation: `non-monotone set: D = 14.53 GB/s converges but D = ${lowestBytesPerMs / 1e6} GB/s does not, so the converging rates are not one interval and the search reports one edge of them`,
    }]);
  });

  test('blames the memory cap at D = B, and at a rate whose settled harvest exceeds the memory, with the numbers', () => {
    const saturated = { converges: true, saturated: true, dirtyRateBytesPerMs: 15 * GBPS, upperBytesPerMs: 15 * GBPS, intervals: 1 };
    // At D = 14.97 GB/s: harvest D·x·B/(B − D) = 14.97e6 · 12 · 15e6 / 0.03e6 = 8.982e10 bytes = 83.65 GiB.
    const high = { converges: true, saturated: false, dirtyRateBytesPerMs: 14.97 * GBPS, upperBytesPerMs: 14.98 * GBPS, intervals: 1 };
    expect(explainDirtyRateDisagreement(given({ 'seed-premises': saturated, windowed: high }))).toEqual([{
      cause: 'memory-cap',
      estimators: ['seed-premises', 'windowed'],
      explanation: 'memory cap: at D = B = 15 GB/s no iteration settles, but each harvest is capped at the 1 GiB of memory, which a limit of y = 2000 ms already covers',
    }]);
    expect(explainDirtyRateDisagreement(given({ windowed: high }))[0].explanation).toBe(
      'memory cap: at D = 14.97 GB/s the settled iteration would harvest D·(x + t*) = 83.65 GiB, more than the 1 GiB of memory; the simulators cap each harvest at the memory size',
    );
  });

  test('names send passes for windowed-passes and the transient for the others when the harvest fits in memory', () => {
    // At D = 10 GB/s the settled harvest is 10e6 · 12 · 3 = 3.6e8 bytes, less than 1 GiB.
    const low = { converges: true, saturated: false, dirtyRateBytesPerMs: 10 * GBPS, upperBytesPerMs: 14.6 * GBPS, intervals: 1 };
    expect(explainDirtyRateDisagreement(given({ 'seed-premises': low, 'windowed-passes': low }))).toEqual([
      { cause: 'transient', estimators: ['seed-premises'], explanation: 'transient: from all memory dirty the first long iterations keep the estimate near B while little is dirtied, so the stop rule holds before the migration settles' },
      { cause: 'send-passes', estimators: ['windowed-passes'], explanation: 'send passes: windows also close after 50 ms send passes, which measure close to B, so higher rates meet the stop rule than eq. (12) allows' },
    ]);
  });

  test('reports a converging probe above the simulated bracket as a non-monotone set', () => {
    // The search claims nothing above 2 GB/s converges, yet every probe up to 14.53 GB/s does.
    const bracketed = { converges: true, saturated: false, dirtyRateBytesPerMs: 1.9 * GBPS, upperBytesPerMs: 2 * GBPS, intervals: 1 };
    const [entry] = explainDirtyRateDisagreement(given({ windowed: bracketed }));
    expect(entry.cause).toBe('non-monotone');
    expect(entry.explanation).toMatch(/^non-monotone set: D = 14\.53\d* GB\/s converges but D = 2 GB\/s does not/);
  });

  test('does not blame the memory cap for a rate the simulation does not converge with', () => {
    const failing = { converges: false, saturated: false, dirtyRateBytesPerMs: 14.97 * GBPS, upperBytesPerMs: 14.98 * GBPS, intervals: 0 };
    expect(causesOf(explainDirtyRateDisagreement(given({ windowed: failing })))).toEqual({ windowed: 'transient' });
  });

  // x = 150 ms, y = 100 ms, 256 GiB: y <= x, so the closed form has no converging rate; at 14.6 GB/s the
  // settled harvest 14.6e6 · 150 · 15e6 / 0.4e6 = 8.2e10 bytes (76 GiB) fits in memory.
  const none = (simulated: Partial<Simulated>): DirtyRateThresholds => {
    const failing = { converges: false, saturated: false, dirtyRateBytesPerMs: 0, upperBytesPerMs: 0, intervals: 0 };
    return {
      inputs: { bandwidthBytesPerMs: 15 * GBPS, syncMs: 150, downtimeLimitMs: 100, memoryBytes: 256 * GIB },
      closedForm: { converges: false, dirtyRateBytesPerMs: 0, regime: null, equation: null },
      simulated: { 'seed-premises': failing, windowed: failing, 'windowed-passes': failing, ...simulated },
    };
  };

  test('agrees where neither converges, whatever rates the failed searches hold', () => {
    expect(explainDirtyRateDisagreement(none({ windowed: { converges: false, saturated: false, dirtyRateBytesPerMs: 3 * GBPS, upperBytesPerMs: 4 * GBPS, intervals: 0 } }))).toEqual([]);
  });

  test('calls a windowed-passes rate the closed form does not have the transient, not send passes', () => {
    const found = { converges: true, saturated: false, dirtyRateBytesPerMs: 14.6 * GBPS, upperBytesPerMs: 14.7 * GBPS, intervals: 1 };
    expect(explainDirtyRateDisagreement(none({ 'windowed-passes': found }))).toEqual([
      { cause: 'transient', estimators: ['windowed-passes'], explanation: 'transient: from all memory dirty the first long iterations keep the estimate near B while little is dirtied, so the stop rule holds before the migration settles (the closed form needs y > x + t* > x, and y = 100 ms <= x = 150 ms)' },
    ]);
  });

  const run = (estimator: 'windowed-passes', parameters: { syncMs: number; downtimeLimitMs: number; memoryBytes: number }) => (dirtyRateBytesPerMs: number) =>
    simulateMigration({ bandwidthBytesPerMs: 15 * GBPS, dirtyRateBytesPerMs, syncMs: parameters.syncMs, memoryBytes: parameters.memoryBytes }, parameters.downtimeLimitMs, estimator).converged;

  test('reports a converging probe above a failing one, at the probes\' rates rounded to 4 digits where that keeps their outcome', () => {
    // x = y = 120 ms, 4 GiB: windowed-passes converges at B·6.5/16 = 6.09375 GB/s but not at B·5.5/16 =
    // 5.15625 GB/s; its search (set by hand to what simulatedMaxDirtyRate finds) brackets 6.2322 GB/s.
    const inputs = { bandwidthBytesPerMs: 15 * GBPS, syncMs: 120, downtimeLimitMs: 120, memoryBytes: 4 * GIB };
    const bracket = { converges: true, saturated: false, dirtyRateBytesPerMs: 6.2322 * GBPS, upperBytesPerMs: 6.2323 * GBPS, intervals: 2 };
    expect(explainDirtyRateDisagreement({ ...none({ 'windowed-passes': bracket }), inputs })).toEqual([
      { cause: 'non-monotone', estimators: ['windowed-passes'], explanation: 'non-monotone set: D = 6.094 GB/s converges but D = 5.156 GB/s does not, so the converging rates are not one interval and the search reports one edge of them' },
    ]);
    const converges = run('windowed-passes', inputs);
    expect([6.09375e6, 5.15625e6, 6.094e6, 5.156e6].map(converges)).toEqual([true, false, true, false]);
  });

  test('prints a failing bracket end with as many digits (of 4, 6, 8, 10) as it takes to keep it failing', () => {
    // A bisection that met windowed-passes' lower interval: it converges up to about 3.5020730 GB/s, fails
    // just above, and converges again at the probes B·3.5/16 = 3.28125 and B·4.5/16 = 4.21875 GB/s.
    const bracket = { converges: true, saturated: false, dirtyRateBytesPerMs: 3.502072 * GBPS, upperBytesPerMs: 3.502073 * GBPS, intervals: 1 };
    expect(explainDirtyRateDisagreement(none({ 'windowed-passes': bracket }))).toEqual([
      { cause: 'non-monotone', estimators: ['windowed-passes'], explanation: 'non-monotone set: D = 4.219 GB/s converges but D = 3.502073 GB/s does not, so the converging rates are not one interval and the search reports one edge of them' },
    ]);
    // 3.502 and 3.50207 GB/s (the failing end to 4 and 6 digits) converge, so neither would show the gap.
    const converges = run('windowed-passes', none({}).inputs);
    expect([4.219e6, 3.502e6, 3.50207e6, 3.502073e6].map(converges)).toEqual([true, true, true, false]);
  });

  test('puts a windowed rate outside the regime where the closed form is in the short-iteration regime', () => {
    // y = 50 ms < 100 ms; at 5 GB/s the settled harvest 5e6 · 12 · 15e6 / 10e6 = 9e7 bytes fits in 1 GiB.
    const base = given({});
    const short: DirtyRateThresholds = {
      ...base,
      inputs: { ...base.inputs, downtimeLimitMs: 50 },
      closedForm: { converges: true, dirtyRateBytesPerMs: 4 * GBPS, regime: 'short-iteration', equation: 19 },
      simulated: { ...base.simulated, windowed: { converges: true, saturated: false, dirtyRateBytesPerMs: 5 * GBPS, upperBytesPerMs: 14.6 * GBPS, intervals: 1 } },
    };
    const found = short.simulated.windowed;
    expect(explainDirtyRateDisagreement({ ...short, simulated: { 'seed-premises': found, windowed: found, 'windowed-passes': found } })).toEqual([
      { cause: 'transient', estimators: ['seed-premises'], explanation: 'transient: from all memory dirty the first long iterations keep the estimate near B while little is dirtied, so the stop rule holds before the migration settles' },
      { cause: 'outside-regime', estimators: ['windowed', 'windowed-passes'], explanation: 'outside the long-iteration regime: y = 50 ms < 100 ms puts the bound where iterations are shorter than a window, which then measures about D, not the B·(100 − x)/100 that eq. (19) assumes' },
    ]);
  });
});
