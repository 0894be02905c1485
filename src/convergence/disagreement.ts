/**
 * Why the closed forms and the simulators disagree on one point, in one line each. The closed forms
 * describe the settled (critical) iteration under the cover letter's bandwidth estimate; the
 * simulators run the migration from all memory dirty with a memory of finite size and three
 * estimators. Where their numbers differ, exactly these causes are possible, checked in this order:
 *
 * - **memory cap**: the settled iteration would harvest `D·(x + t*)` bytes, more than the guest has;
 *   the simulators cap every harvest at the memory size, so iterations stop growing and the
 *   migration converges where the closed form says it cannot, or with a smaller limit;
 * - **outside the regime**: where `x + t* < 100 ms` a 100 ms window spans several iterations and the
 *   windowed estimators measure about D, not the `B·(100 − x)/100` eq. (19) assumes;
 * - **send passes**: the windowed-passes estimator closes windows after 50 ms send passes, which
 *   measure close to B, so it needs less than eq. (12) where iterations are long;
 * - **transient**: from all memory dirty the first long iterations keep the estimate near B while
 *   little is dirtied, and the stop rule can hold before the migration settles (the closed forms are
 *   sufficient bounds, not necessary ones), e.g. whenever `y <= x`;
 * - **non-monotone set**: the converging dirty rates are not one interval `(0, D*)`, so the
 *   bisection's rate is one edge of it and the closed form's supremum need not match it.
 */
import { BANDWIDTH_ESTIMATOR_NAMES, type BandwidthEstimatorName } from '../simulator/bandwidth-estimators.ts';
import { simulateMigration } from '../simulator/migration-simulator.ts';
import { criticalTransferMs } from './critical-state.ts';
import { WINDOW_MS } from './domain.ts';
import type { DirtyRateThresholds, DowntimeThresholds } from './threshold-comparison.ts';

/** One cause of a disagreement, with the estimators it explains. */
export interface Disagreement {
  readonly cause: 'memory-cap' | 'outside-regime' | 'send-passes' | 'transient' | 'non-monotone';
  readonly estimators: readonly BandwidthEstimatorName[];
  /** One line, with the numbers that show the cause. */
  readonly explanation: string;
}

/** Relative difference below which a simulated threshold agrees with the closed form (bisection tolerance is 1e-9). */
const AGREEMENT = 1e-6;

/** Rates probed to test whether the converging dirty rates form one interval. */
const MONOTONICITY_PROBES = 16;

const GIB = 2 ** 30;

const agrees = (closed: number, simulated: number) => Math.abs(closed - simulated) <= AGREEMENT * Math.max(Math.abs(closed), Math.abs(simulated));

const format = (value: number, digits = 4) => String(Number(value.toPrecision(digits)));

function settledHarvestBytes(bandwidthBytesPerMs: number, dirtyRateBytesPerMs: number, syncMs: number): number {
  return dirtyRateBytesPerMs * (syncMs + criticalTransferMs(bandwidthBytesPerMs, dirtyRateBytesPerMs, syncMs));
}

interface EstimatorDisagreement {
  readonly estimator: BandwidthEstimatorName;
  readonly cause: Disagreement['cause'];
  readonly explanation: string;
}

function group(entries: readonly EstimatorDisagreement[]): Disagreement[] {
  const byCause = new Map<string, Disagreement>();
  for (const entry of entries) {
    const known = byCause.get(entry.cause);
    byCause.set(entry.cause, { cause: entry.cause, explanation: known?.explanation ?? entry.explanation, estimators: [...(known?.estimators ?? []), entry.estimator] });
  }
  return [...byCause.values()];
}

/**
 * Explains where the simulated least downtime limits differ from the closed form's.
 * @param thresholds - from `downtimeThresholds`
 * @returns one entry per cause, naming the estimators it explains; empty when all agree
 */
export function explainDowntimeDisagreement(thresholds: DowntimeThresholds): Disagreement[] {
  const { inputs, closedForm, simulated } = thresholds;
  const { bandwidthBytesPerMs: B, dirtyRateBytesPerMs: D, syncMs: x, memoryBytes } = inputs;
  const harvestBytes = settledHarvestBytes(B, D, x);
  const entries = BANDWIDTH_ESTIMATOR_NAMES.flatMap((estimator): EstimatorDisagreement[] => {
    const s = simulated[estimator];
    if (s.converges && agrees(closedForm.downtimeLimitMs, s.downtimeMs)) return [];
    if (harvestBytes > memoryBytes) {
      return [{ estimator, cause: 'memory-cap', explanation: `memory cap: the settled iteration would harvest D·(x + t*) = ${format(harvestBytes / GIB)} GiB, more than the ${format(memoryBytes / GIB)} GiB of memory; the simulators cap each harvest at the memory size` }];
    }
    if (closedForm.regime === 'short-iteration' && estimator !== 'seed-premises') {
      return [{ estimator, cause: 'outside-regime', explanation: `outside the long-iteration regime: x + t* = ${format(x + closedForm.transferMs)} ms < ${WINDOW_MS} ms, so a window spans several iterations and measures about D, not the B·(100 − x)/100 that eq. (19) assumes` }];
    }
    if (estimator === 'windowed-passes') {
      return [{ estimator, cause: 'send-passes', explanation: 'send passes: windows also close after 50 ms send passes, which measure close to B, so the stop rule holds with less than eq. (12)' }];
    }
    return [{ estimator, cause: 'transient', explanation: 'transient: from all memory dirty the stop rule holds before the migration settles at t*; the closed form is a sufficient bound, not a necessary one' }];
  });
  return group(entries);
}

function firstNonMonotoneProbe(thresholds: DirtyRateThresholds, estimator: BandwidthEstimatorName): { converging: number; failing: number } | undefined {
  const { bandwidthBytesPerMs: B, syncMs, downtimeLimitMs, memoryBytes } = thresholds.inputs;
  const s = thresholds.simulated[estimator];
  const rates = Array.from({ length: MONOTONICITY_PROBES }, (_, i) => (B * (i + 0.5)) / MONOTONICITY_PROBES);
  const outcome = rates.map((D) => simulateMigration({ bandwidthBytesPerMs: B, dirtyRateBytesPerMs: D, syncMs, memoryBytes }, downtimeLimitMs, estimator).converged);
  // The converging rates form (0, D*) iff no converging probe lies above a failing one.
  const lowestFailing = outcome.indexOf(false);
  const aboveConverging = lowestFailing === -1 ? -1 : outcome.indexOf(true, lowestFailing);
  let found: { converging: number; failing: number } | undefined;
  if (aboveConverging !== -1) found = { converging: rates[aboveConverging], failing: rates[lowestFailing] };
  // The search's failing end counts too: B·1e-9 when it converged nowhere, B (above every probe) when saturated.
  else if (outcome.some((converged, i) => converged && rates[i] > s.upperBytesPerMs)) found = { converging: rates[outcome.lastIndexOf(true)], failing: s.upperBytesPerMs };
  if (found === undefined) return undefined;
  const converges = (D: number) => simulateMigration({ bandwidthBytesPerMs: B, dirtyRateBytesPerMs: D, syncMs, memoryBytes }, downtimeLimitMs, estimator).converged;
  return { converging: printable(found.converging, true, converges), failing: printable(found.failing, false, converges) };
}

/**
 * The rate rounded to as few digits as keep its outcome, so that the printed numbers reproduce the
 * claim when simulated again (a bracket end rounded to 4 digits can land on the other side).
 */
function printable(bytesPerMs: number, converged: boolean, converges: (D: number) => boolean): number {
  for (const digits of [4, 6, 8, 10]) {
    const rounded = Number((bytesPerMs / 1e6).toPrecision(digits)) * 1e6;
    if (converges(rounded) === converged) return rounded;
  }
  return bytesPerMs;
}

/**
 * Explains where the simulated greatest dirty rates differ from the closed form's supremum.
 * Probes each disagreeing estimator at a few rates to tell a non-monotone set from the other causes.
 * @param thresholds - from `dirtyRateThresholds`
 * @returns one entry per cause, naming the estimators it explains; empty when all agree
 */
export function explainDirtyRateDisagreement(thresholds: DirtyRateThresholds): Disagreement[] {
  const { inputs, closedForm, simulated } = thresholds;
  const { bandwidthBytesPerMs: B, syncMs: x, downtimeLimitMs: y, memoryBytes } = inputs;
  const toGBps = (bytesPerMs: number, digits = 4) => `${format(bytesPerMs / 1e6, digits)} GB/s`;
  const entries = BANDWIDTH_ESTIMATOR_NAMES.flatMap((estimator): EstimatorDisagreement[] => {
    const s = simulated[estimator];
    if (s.converges === closedForm.converges && (!s.converges || agrees(closedForm.dirtyRateBytesPerMs, s.dirtyRateBytesPerMs))) return [];
    const probe = firstNonMonotoneProbe(thresholds, estimator);
    if (probe !== undefined) {
      return [{ estimator, cause: 'non-monotone', explanation: `non-monotone set: D = ${toGBps(probe.converging, 17)} converges but D = ${toGBps(probe.failing, 17)} does not, so the converging rates are not one interval and the search reports one edge of them` }];
    }
    // A search that converges nowhere has no rate whose harvest the memory could cap.
    if (s.converges) {
      const rate = s.saturated ? B : s.dirtyRateBytesPerMs;
      // At D = B there is no settled iteration: every harvest is the whole memory.
      const harvestBytes = rate >= B ? Number.POSITIVE_INFINITY : settledHarvestBytes(B, rate, x);
      if (harvestBytes > memoryBytes) {
        const explanation = Number.isFinite(harvestBytes)
          ? `memory cap: at D = ${toGBps(rate)} the settled iteration would harvest D·(x + t*) = ${format(harvestBytes / GIB)} GiB, more than the ${format(memoryBytes / GIB)} GiB of memory; the simulators cap each harvest at the memory size`
          : `memory cap: at D = B = ${toGBps(rate)} no iteration settles, but each harvest is capped at the ${format(memoryBytes / GIB)} GiB of memory, which a limit of y = ${format(y)} ms already covers`;
        return [{ estimator, cause: 'memory-cap', explanation }];
      }
    }
    if (closedForm.regime === 'short-iteration' && estimator !== 'seed-premises') {
      return [{ estimator, cause: 'outside-regime', explanation: `outside the long-iteration regime: y = ${format(y)} ms < ${WINDOW_MS} ms puts the bound where iterations are shorter than a window, which then measures about D, not the B·(100 − x)/100 that eq. (19) assumes` }];
    }
    if (closedForm.converges && estimator === 'windowed-passes') {
      return [{ estimator, cause: 'send-passes', explanation: 'send passes: windows also close after 50 ms send passes, which measure close to B, so higher rates meet the stop rule than eq. (12) allows' }];
    }
    const why = closedForm.converges ? '' : ` (the closed form needs y > x + t* > x, and y = ${format(y)} ms <= x = ${format(x)} ms)`;
    return [{ estimator, cause: 'transient', explanation: `transient: from all memory dirty the first long iterations keep the estimate near B while little is dirtied, so the stop rule holds before the migration settles${why}` }];
  });
  return group(entries);
}
