/**
 * The send time a migration settles at when it never stops: the simulator's counterpart of the
 * seed's critical-state t, reached by running the process rather than by solving for it.
 */
import { requireInteger } from '../check.ts';
import type { BandwidthEstimatorName } from './bandwidth-estimators.ts';
import { DEFAULT_MAX_ITERATIONS, type MigrationParameters, runMigration, validateMigrationParameters } from './migration-simulator.ts';

/** Where the send time settled. */
export interface SettledSendTime {
  /** False when the send time still moved by more than the tolerance at the iteration cap. */
  readonly settled: boolean;
  /** The last iteration's send time (ms). */
  readonly sendMs: number;
  /** Iterations run. */
  readonly iterations: number;
}

/**
 * Runs a migration that never stops until two consecutive send times differ by at most
 * `relativeTolerance` of the later one.
 * @param parameters - bandwidth, dirty rate, sync time and memory size
 * @param estimator - which estimator to run with (the send times do not depend on it)
 * @param relativeTolerance - settling criterion (default 1e-12)
 * @param maxIterations - iteration cap (default 10,000)
 * @returns the settled send time and how long it took
 * @throws TypeError/RangeError for parameters outside their domain
 */
export function settledSendTime(
  parameters: MigrationParameters,
  estimator: BandwidthEstimatorName,
  relativeTolerance = 1e-12,
  maxIterations = DEFAULT_MAX_ITERATIONS,
): SettledSendTime {
  const fn = 'settledSendTime';
  const p = validateMigrationParameters(fn, parameters);
  requireInteger(fn, 'maxIterations', maxIterations, 2);
  let previousMs = Number.NaN;
  let settled = false;
  const last = runMigration(p, estimator, maxIterations, (it) => {
    settled = Math.abs(it.sendMs - previousMs) <= relativeTolerance * it.sendMs;
    previousMs = it.sendMs;
    return settled;
  });
  return { settled, sendMs: last?.sendMs ?? Number.NaN, iterations: (last?.index ?? -1) + 1 };
}
