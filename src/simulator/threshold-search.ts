/**
 * Thresholds found by bisection over whole simulations: the least downtime limit at which a
 * migration converges, and the greatest dirty rate that converges under a given limit.
 *
 * Bisection needs convergence to be monotone in the searched quantity. For the downtime limit it is
 * exactly so: the trajectory does not depend on the limit, which only decides where it stops. For the
 * dirty rate it is not (with windowed-passes the converging rates near the edge form many separate
 * intervals), so the greatest rate is found by a scan refined by bisection, which also reports how
 * many intervals it saw. Both searches return brackets whose ends were simulated.
 */
import { requireFinite, requireInteger } from '../check.ts';
import type { BandwidthEstimatorName } from './bandwidth-estimators.ts';
import { scanConvergence } from './convergence-scan.ts';
import { DEFAULT_MAX_ITERATIONS, type MigrationParameters, simulateMigration, validateMigrationParameters } from './migration-simulator.ts';

/** How finely and how long to search. */
export interface SearchOptions {
  /** Stop bisecting when the bracket is at most this fraction of its upper end (default 1e-9). */
  readonly relativeTolerance?: number;
  /** Iteration cap of each simulation (default 10,000). */
  readonly maxIterations?: number;
  /** Grid points of each scan for the greatest dirty rate (default 200); fewer is faster and sees fewer intervals. */
  readonly scanPoints?: number;
}

/** The least downtime limit a simulation converges with. */
export interface SimulatedDowntime {
  /** False when no limit up to `2^40` ms converges within the iteration cap. */
  readonly converges: boolean;
  /** The smallest limit found to converge (ms); the true least limit is in `(lowerMs, downtimeMs]`. */
  readonly downtimeMs: number;
  /** The largest limit found not to converge (ms). */
  readonly lowerMs: number;
  /** Iterations completed before stopping, with the limit `downtimeMs`. */
  readonly iterations: number;
}

/** The greatest dirty rate a simulation converges with. */
export interface SimulatedDirtyRate {
  /** False when even a rate of `B·1e-9` does not converge. */
  readonly converges: boolean;
  /**
   * True when the rate B itself converges; the bisection is then skipped and B reported. Convergence is
   * not always monotone in D (see the threshold-search properties), so this does not prove that every
   * smaller rate converges.
   */
  readonly saturated: boolean;
  /** The greatest rate found to converge (bytes per ms). */
  readonly dirtyRateBytesPerMs: number;
  /** The smallest rate above it found not to converge (bytes per ms); equals B when saturated. */
  readonly upperBytesPerMs: number;
  /** Separate converging intervals of D the scan saw below B (at least this many); 1 when monotone as far as seen, 0 when none. */
  readonly intervals: number;
}

/** Grid points of each scan for the greatest dirty rate (coarse over (0, B), then fine around its edge). */
const DEFAULT_SCAN_POINTS = 200;

const MAX_DOWNTIME_MS = 2 ** 40;

function settings(fn: string, options: SearchOptions): { tolerance: number; cap: number } {
  const tolerance = requireFinite(fn, 'options.relativeTolerance', options.relativeTolerance ?? 1e-9, { gt: 0, lt: 1 });
  const cap = requireInteger(fn, 'options.maxIterations', options.maxIterations ?? DEFAULT_MAX_ITERATIONS, 1);
  return { tolerance, cap };
}

/**
 * The least downtime limit with which the simulated migration converges, by doubling then bisection.
 * @param parameters - bandwidth, dirty rate, sync time and memory size
 * @param estimator - which bandwidth estimate the stop rule uses
 * @param options - tolerance and iteration cap
 * @returns the bracket around the least converging limit, and the iterations it takes
 * @throws TypeError/RangeError for parameters or options outside their domain
 */
export function simulatedMinDowntime(parameters: MigrationParameters, estimator: BandwidthEstimatorName, options: SearchOptions = {}): SimulatedDowntime {
  const fn = 'simulatedMinDowntime';
  const p = validateMigrationParameters(fn, parameters);
  const { tolerance, cap } = settings(fn, options);
  const converges = (limitMs: number) => simulateMigration(p, limitMs, estimator, cap);
  let lowerMs = 0;
  let upperMs = 1;
  let atUpper = converges(upperMs);
  while (!atUpper.converged) {
    if (upperMs >= MAX_DOWNTIME_MS) return { converges: false, downtimeMs: Number.POSITIVE_INFINITY, lowerMs: upperMs, iterations: atUpper.iterations };
    lowerMs = upperMs;
    upperMs *= 2;
    atUpper = converges(upperMs);
  }
  while (upperMs - lowerMs > tolerance * upperMs) {
    const middleMs = (lowerMs + upperMs) / 2;
    const atMiddle = converges(middleMs);
    if (atMiddle.converged) [upperMs, atUpper] = [middleMs, atMiddle];
    else lowerMs = middleMs;
  }
  return { converges: true, downtimeMs: upperMs, lowerMs, iterations: atUpper.iterations };
}

/**
 * The greatest dirty rate below the bandwidth with which the simulated migration converges, by a scan of
 * (0, B) refined around its top converging point, then bisection of that interval's upper edge.
 * @param bandwidthBytesPerMs - real bandwidth B (bytes per ms), > 0
 * @param syncMs - sync time x (ms), > 0
 * @param downtimeLimitMs - downtime limit y (ms), >= 0
 * @param memoryBytes - guest memory, all dirty at the start (bytes), > 0
 * @param estimator - which bandwidth estimate the stop rule uses
 * @param options - tolerance (a fraction of B) and iteration cap
 * @returns the bracket around the greatest converging rate
 * @throws TypeError/RangeError for arguments outside their domain
 */
export function simulatedMaxDirtyRate(
  bandwidthBytesPerMs: number,
  syncMs: number,
  downtimeLimitMs: number,
  memoryBytes: number,
  estimator: BandwidthEstimatorName,
  options: SearchOptions = {},
): SimulatedDirtyRate {
  const fn = 'simulatedMaxDirtyRate';
  const p = validateMigrationParameters(fn, { bandwidthBytesPerMs, dirtyRateBytesPerMs: bandwidthBytesPerMs, syncMs, memoryBytes });
  requireFinite(fn, 'downtimeLimitMs', downtimeLimitMs, { ge: 0 });
  const { tolerance, cap } = settings(fn, options);
  const converges = (dirtyRateBytesPerMs: number) => simulateMigration({ ...p, dirtyRateBytesPerMs }, downtimeLimitMs, estimator, cap).converged;
  const B = bandwidthBytesPerMs;
  if (converges(B)) return { converges: true, saturated: true, dirtyRateBytesPerMs: B, upperBytesPerMs: B, intervals: 1 };
  const lowest = B * 1e-9;
  if (!converges(lowest)) return { converges: false, saturated: false, dirtyRateBytesPerMs: 0, upperBytesPerMs: lowest, intervals: 0 };
  // Convergence in D is not monotone (windowed-passes forms many intervals near its edge): scan, then bisect the top one.
  const found = scanConvergence(lowest, B, converges, 'greatest', { gridPoints: requireInteger(fn, 'options.scanPoints', options.scanPoints ?? DEFAULT_SCAN_POINTS, 3), relativeTolerance: tolerance });
  return { converges: true, saturated: false, dirtyRateBytesPerMs: found.edge, upperBytesPerMs: found.beyond, intervals: found.intervals };
}
