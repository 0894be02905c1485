/**
 * Thresholds of the loop model, found by a scan refined by bisection (the loop's convergence is not
 * monotone in the downtime limit, since the limit decides when it syncs, nor in the dirty rate): the
 * least downtime limit that completes, and the greatest constant dirty rate that completes under a limit.
 */
import { requireFinite } from '../../check.ts';
import { scanConvergence, type ScanResult } from '../convergence-scan.ts';
import type { LoopParameters } from './loop-parameters.ts';
import { simulateQemuLoop } from './migration-loop.ts';

/** Range and resolution of a loop search. */
export interface LoopSearchOptions {
  /** Grid points per scan (default 60). */
  readonly gridPoints?: number;
  /** Bisection stops at this fraction of the range (default 1e-6). */
  readonly relativeTolerance?: number;
}

/**
 * The least downtime limit in `[maxDowntimeMs·1e-6, maxDowntimeMs]` with which the loop completes. A limit
 * of exactly 0 is left out: with a zero threshold QEMU never syncs and completes as soon as the bitmap
 * drains, with everything dirtied during the drain inside the downtime.
 * @param parameters - everything but the limit (its `downtimeLimitMs` is ignored)
 * @param maxDowntimeMs - the top of the scanned range (ms), > 0
 * @param options - grid and tolerance
 * @returns the edge (a completing limit), the non-completing limit below it, and the intervals seen
 * @throws TypeError/RangeError for parameters outside their domain
 */
export function loopLeastDowntime(parameters: LoopParameters, maxDowntimeMs: number, options: LoopSearchOptions = {}): ScanResult {
  requireFinite('loopLeastDowntime', 'maxDowntimeMs', maxDowntimeMs, { gt: 0 });
  const completes = (downtimeLimitMs: number) => simulateQemuLoop({ ...parameters, downtimeLimitMs, trace: false }).converged;
  return scanConvergence(maxDowntimeMs * 1e-6, maxDowntimeMs, completes, 'least', { gridPoints: options.gridPoints ?? 60, relativeTolerance: options.relativeTolerance ?? 1e-6 });
}

/**
 * The greatest constant dirty rate below the link bandwidth with which the loop completes.
 * @param parameters - everything but the workload (a constant one is substituted)
 * @param options - grid and tolerance
 * @returns the edge (a completing rate, bytes per ms), the failing rate above it, and the intervals seen
 * @throws TypeError/RangeError for parameters outside their domain
 */
export function loopGreatestDirtyRate(parameters: LoopParameters, options: LoopSearchOptions = {}): ScanResult {
  const completes = (dirtyRateBytesPerMs: number) => simulateQemuLoop({ ...parameters, workload: { kind: 'constant', dirtyRateBytesPerMs }, trace: false }).converged;
  const B = requireFinite('loopGreatestDirtyRate', 'linkBandwidthBytesPerMs', parameters.linkBandwidthBytesPerMs, { gt: 0 });
  return scanConvergence(0, B, completes, 'greatest', { gridPoints: options.gridPoints ?? 60, relativeTolerance: options.relativeTolerance ?? 1e-6 });
}
