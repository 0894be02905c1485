/**
 * The convergence golden files: the seed-claims audit, the derivation verdict per step, and a grid of
 * closed-form and simulated thresholds (both estimators) over fixed (B, D, x) and (B, x, y), with points
 * on and next to the regime boundary.
 */
import { auditSeedClaims } from '../convergence/claims-audit.ts';
import { checkDerivation } from '../convergence/derivation-check.ts';
import { BYTES_PER_MS_PER_GBPS } from '../convergence/seed-claims.ts';
import { dirtyRateThresholds, downtimeThresholds, SEED_VM_MEMORY_BYTES } from '../convergence/threshold-comparison.ts';
import { BANDWIDTH_ESTIMATOR_NAMES } from '../simulator/bandwidth-estimators.ts';
import { goldenRecord, type GoldenFile } from './golden-file.ts';

/** Significant digits of every number in the convergence golden files. */
const DIGITS = 7;

/** Bandwidth of every grid point: the seed's 15 GB/s. */
const GRID_BANDWIDTH_GBPS = 15;

/** Dirty rates and sync times of the downtime grid; the seed's x = 12 and 73 ms are among them. */
const DOWNTIME_GRID = { dirtyRatesGbps: [2, 5, 10, 13.5], syncMs: [5, 12, 40, 73, 120] };

/** For D = 10 GB/s the regimes meet at x = 100 − 100·D/B = 100/3 ms: on it and 1 % either side. */
const BOUNDARY_POINTS = { dirtyRateGbps: 10, syncMs: [(100 / 3) * 0.99, 100 / 3, (100 / 3) * 1.01] };

/**
 * 100/3 is not a double, so the point above lies a float step off the boundary. For D = 7.5 GB/s
 * (D/B = 1/2) the regimes meet at x = 50 ms exactly, where eq. (5) holds: this point pins that.
 */
const EXACT_BOUNDARY_POINTS = { dirtyRateGbps: 7.5, syncMs: [49.5, 50, 50.5] };

/** Sync times and downtime limits of the dirty-rate grid; the regimes switch at y = 100 ms. */
const DIRTY_RATE_GRID = { syncMs: [12, 40, 73], downtimeMs: [30, 99, 100, 150, 300] };

/**
 * A number at the files' fixed precision.
 * @param value - the number
 * @returns its text
 */
export function fixed(value: number | null): string {
  return value === null ? 'none' : Number.isFinite(value) ? value.toPrecision(DIGITS) : String(value);
}

/**
 * The claims audit: one record per worked number of the seed.
 * @returns the file `convergence/claims.txt`
 */
export function claimsGoldenFile(): GoldenFile {
  const records = auditSeedClaims().map((row) =>
    goldenRecord(
      [
        row.claim.id,
        `"${row.claim.quote}" eq. (${row.claim.equation})`,
        `closed form ${fixed(row.closedForm)} (${row.match})`,
        `seed-premises ${fixed(row.simulated.seedPremises)}`,
        `windowed ${fixed(row.simulated.windowed)}`,
        `windowed-passes ${fixed(row.simulated.windowedPasses)}`,
        `${row.regimeCondition}: ${row.regimeHolds ? 'holds' : 'does not hold'}`,
        row.verdict,
      ].join(' | '),
    ),
  );
  return { name: 'convergence/claims.txt', inputs: `the seed's worked numbers; B = 15 GB/s; simulations from ${SEED_VM_MEMORY_BYTES / 2 ** 30} GiB all dirty; values in the claim's unit (ms or GB/s), ${DIGITS} significant digits`, records };
}

/**
 * The derivation: one record per step, with its verdict, what it relies on and its symbolic check.
 * @returns the file `convergence/derivation.txt`
 */
export function derivationGoldenFile(): GoldenFile {
  const records = checkDerivation().map((step) => {
    const lines = [
      [
        `(${step.from}) -> (${step.to})`,
        step.verdict,
        step.operation,
        `${step.samples} points (${step.boundarySamples} at a boundary): ${Object.entries(step.counts).map(([k, n]) => `${k} ${n}`).join(', ')}`,
        `symbolic: multiplier ${step.symbolic.multiplier}, identity ${step.symbolic.identity ? 'yes' : 'no'}, sign ${step.symbolic.multiplierSign}`,
      ].join(' | '),
    ];
    if (step.counterexample) lines.push(`  counterexample: ${describePoint(step.counterexample.inputs)} (${step.counterexample.pointClass})`);
    for (const { premise, counterexample } of step.reliesOn) lines.push(`  relies on ${premise}: fails at ${describePoint(counterexample.inputs)} (${counterexample.pointClass})`);
    return goldenRecord(...lines);
  });
  return { name: 'convergence/derivation.txt', inputs: "the seed's steps (1)-(19) as mathjs relations; exact rational points from the derivation check's fixed seed", records };
}

/**
 * The threshold grid: least downtime for each (B, D, x) and greatest dirty rate for each (B, x, y),
 * closed form and both simulators.
 * @returns the file `convergence/thresholds.txt`
 */
export function thresholdsGoldenFile(): GoldenFile {
  const B = GRID_BANDWIDTH_GBPS * BYTES_PER_MS_PER_GBPS;
  const downtimePoints = [
    ...DOWNTIME_GRID.dirtyRatesGbps.flatMap((d) => DOWNTIME_GRID.syncMs.map((x) => [d, x] as const)),
    ...BOUNDARY_POINTS.syncMs.map((x) => [BOUNDARY_POINTS.dirtyRateGbps, x] as const),
    ...EXACT_BOUNDARY_POINTS.syncMs.map((x) => [EXACT_BOUNDARY_POINTS.dirtyRateGbps, x] as const),
  ];
  const records = downtimePoints.map(([d, x]) => {
    const t = downtimeThresholds(B, d * BYTES_PER_MS_PER_GBPS, x);
    const simulated = BANDWIDTH_ESTIMATOR_NAMES.map((name) => {
      const s = t.simulated[name];
      return s.converges ? `${name} ${fixed(s.downtimeMs)} ms in ${s.iterations} iterations` : `${name} never converges`;
    });
    return goldenRecord(
      [`downtime D=${d} x=${fixed(x)}`, `t* ${fixed(t.closedForm.transferMs)} ms, ${t.closedForm.regime}`, `eq. (${t.closedForm.equation}) ${fixed(t.closedForm.downtimeLimitMs)} ms`, ...simulated].join(' | '),
    );
  });
  for (const x of DIRTY_RATE_GRID.syncMs) {
    for (const y of DIRTY_RATE_GRID.downtimeMs) {
      const r = dirtyRateThresholds(B, x, y);
      const closed = r.closedForm.converges ? `eq. (${r.closedForm.equation}) D < ${fixed(r.closedForm.dirtyRateBytesPerMs / BYTES_PER_MS_PER_GBPS)} GB/s` : 'closed form: nothing converges';
      const simulated = BANDWIDTH_ESTIMATOR_NAMES.map((name) => {
        const s = r.simulated[name];
        return s.converges ? `${name} ${fixed(s.dirtyRateBytesPerMs / BYTES_PER_MS_PER_GBPS)} GB/s${s.saturated ? ' (saturated)' : ''}` : `${name} never converges`;
      });
      records.push(goldenRecord([`dirty-rate x=${x} y=${y}`, closed, ...simulated].join(' | ')));
    }
  }
  return {
    name: 'convergence/thresholds.txt',
    inputs: `B = ${GRID_BANDWIDTH_GBPS} GB/s; D in GB/s, x and y in ms; downtime grid D ${DOWNTIME_GRID.dirtyRatesGbps.join(',')} x ${DOWNTIME_GRID.syncMs.join(',')} plus D 10 at x = 100/3 and 1 % either side, D 7.5 at x = 49.5, 50 (exactly on the boundary), 50.5; dirty-rate grid x ${DIRTY_RATE_GRID.syncMs.join(',')} y ${DIRTY_RATE_GRID.downtimeMs.join(',')}; simulations from ${SEED_VM_MEMORY_BYTES / 2 ** 30} GiB all dirty; ${DIGITS} significant digits`,
    records,
  };
}

function describePoint(inputs: Readonly<Record<string, string>>): string {
  return Object.entries(inputs).map(([name, value]) => `${name}=${value}`).join(' ');
}
