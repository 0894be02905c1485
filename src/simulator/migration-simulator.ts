/**
 * Precopy live migration as a process in time, in a fluid model (bytes are continuous, not pages).
 *
 * The model, stated once:
 * - Memory of `memoryBytes` is all dirty at time 0 (QEMU starts the migration bitmap all ones).
 * - Iteration k is a sync of `syncMs` that sends nothing, then a send phase that sends the bytes the
 *   sync harvested at rate B, taking `pending_k / B` ms. Pages dirtied during the send phase are not
 *   chased within it; they are harvested by the next sync (QEMU sends the pages found at the sync).
 * - The guest dirties D bytes per ms the whole time. The harvest at the end of sync k+1 is everything
 *   dirtied since the harvest at the end of sync k: `D·(send_k + syncMs)`, capped at `memoryBytes`.
 *   The dirty rate counts distinct bytes, so QEMU's bitmap OR (a page dirtied twice, or dirtied while
 *   still pending, is sent once) is folded into D; only the cap at the memory size is modelled.
 * - After iteration k the estimator yields its estimate, the next sync harvests `pending_{k+1}`, and
 *   QEMU's stop rule is checked: the migration converges when `estimate × downtimeLimitMs >= pending`.
 *   So the first check happens after one whole iteration, with the first estimate.
 * - The check happens after every iteration; QEMU only syncs when its estimate of pending falls below
 *   the threshold, which in this model is always true once the send phase has emptied the bitmap.
 */
import { requireFinite, requireInteger } from '../check.ts';
import { type BandwidthEstimatorName, createBandwidthEstimator } from './bandwidth-estimators.ts';

/** What a simulated migration is made of. */
export interface MigrationParameters {
  /** Real bandwidth B (bytes per ms), > 0. */
  readonly bandwidthBytesPerMs: number;
  /** Guest dirty rate D in distinct bytes (bytes per ms), > 0. */
  readonly dirtyRateBytesPerMs: number;
  /** Bitmap sync time x per iteration (ms), > 0. */
  readonly syncMs: number;
  /** Guest memory M, all dirty at the start (bytes), > 0. */
  readonly memoryBytes: number;
}

/** One iteration of a simulated migration. */
export interface IterationRecord {
  /** 0 for the first iteration. */
  readonly index: number;
  /** Time the iteration started (ms since the migration started). */
  readonly startMs: number;
  /** Bytes the iteration's sync harvested and its send phase sent (bytes). */
  readonly pendingBytes: number;
  /** Length of the send phase (ms). */
  readonly sendMs: number;
  /** The estimate available after the iteration (bytes per ms); 0 while there is none. */
  readonly estimateBytesPerMs: number;
  /** Bytes the next sync harvests, which the stop rule compares against (bytes). */
  readonly nextPendingBytes: number;
  /** `nextPendingBytes / estimateBytesPerMs`: the least downtime limit that stops here (ms). */
  readonly stopRatioMs: number;
}

/** The outcome of a simulated migration run against one downtime limit. */
export interface SimulationOutcome {
  /** Whether the stop rule held within the iteration cap. Not converging is a result, not an error. */
  readonly converged: boolean;
  /** Iterations completed before the stop rule held (or the cap, when it never did). */
  readonly iterations: number;
  /** Time at which the stop rule held, or the time simulated when it never did (ms). */
  readonly elapsedMs: number;
  /** Bytes pending when the migration stopped, or at the cap (bytes). */
  readonly pendingBytes: number;
}

/** Iterations simulated before a migration counts as not converging, unless told otherwise. */
export const DEFAULT_MAX_ITERATIONS = 10_000;

/**
 * Checks the parameters of a simulated migration.
 * @param fn - the public function doing the check
 * @param parameters - the parameters to check
 * @returns the parameters
 * @throws TypeError when a field is not a number; RangeError when one is not finite and positive
 */
export function validateMigrationParameters(fn: string, parameters: MigrationParameters): MigrationParameters {
  requireFinite(fn, 'bandwidthBytesPerMs', parameters.bandwidthBytesPerMs, { gt: 0 });
  requireFinite(fn, 'dirtyRateBytesPerMs', parameters.dirtyRateBytesPerMs, { gt: 0 });
  requireFinite(fn, 'syncMs', parameters.syncMs, { gt: 0 });
  requireFinite(fn, 'memoryBytes', parameters.memoryBytes, { gt: 0 });
  return parameters;
}

/**
 * Runs iterations until `visit` returns true or `maxIterations` have run, without argument checks.
 * @param p - valid parameters
 * @param estimator - which bandwidth estimate the stop rule uses
 * @param maxIterations - the iteration cap
 * @param visit - called after each iteration; returning true stops the run
 * @returns the last iteration visited, or undefined when `maxIterations` is 0
 */
export function runMigration(
  p: MigrationParameters,
  estimator: BandwidthEstimatorName,
  maxIterations: number,
  visit: (iteration: IterationRecord) => boolean,
): IterationRecord | undefined {
  const estimate = createBandwidthEstimator(estimator, p.bandwidthBytesPerMs);
  let pendingBytes = p.memoryBytes;
  let startMs = 0;
  let last: IterationRecord | undefined;
  for (let index = 0; index < maxIterations; index++) {
    const sendMs = pendingBytes / p.bandwidthBytesPerMs;
    const estimateBytesPerMs = estimate.afterIteration(p.syncMs, sendMs, pendingBytes);
    const nextPendingBytes = Math.min(p.memoryBytes, p.dirtyRateBytesPerMs * (sendMs + p.syncMs));
    const stopRatioMs = estimateBytesPerMs > 0 ? nextPendingBytes / estimateBytesPerMs : Number.POSITIVE_INFINITY;
    last = { index, startMs, pendingBytes, sendMs, estimateBytesPerMs, nextPendingBytes, stopRatioMs };
    if (visit(last)) break;
    startMs += p.syncMs + sendMs;
    pendingBytes = nextPendingBytes;
  }
  return last;
}

/**
 * Simulates a migration until QEMU's stop rule holds or the iteration cap is reached.
 * @param parameters - bandwidth, dirty rate, sync time and memory size
 * @param downtimeLimitMs - the downtime limit y (ms), >= 0
 * @param estimator - which bandwidth estimate the stop rule uses
 * @param maxIterations - iterations after which the run counts as not converging (default 10,000)
 * @returns whether and when it converged
 * @throws TypeError/RangeError for parameters outside their domain
 */
export function simulateMigration(
  parameters: MigrationParameters,
  downtimeLimitMs: number,
  estimator: BandwidthEstimatorName,
  maxIterations = DEFAULT_MAX_ITERATIONS,
): SimulationOutcome {
  const fn = 'simulateMigration';
  const p = validateMigrationParameters(fn, parameters);
  requireFinite(fn, 'downtimeLimitMs', downtimeLimitMs, { ge: 0 });
  requireInteger(fn, 'maxIterations', maxIterations, 1);
  let converged = false;
  // `>=` is QEMU's `pending <= threshold_size`.
  const last = runMigration(p, estimator, maxIterations, (it) => (converged = it.estimateBytesPerMs * downtimeLimitMs >= it.nextPendingBytes));
  const iterations = last === undefined ? 0 : last.index + 1;
  const elapsedMs = last === undefined ? 0 : last.startMs + 2 * p.syncMs + last.sendMs;
  return { converged, iterations, elapsedMs, pendingBytes: last?.nextPendingBytes ?? p.memoryBytes };
}

/**
 * The first iterations of a migration that never stops, for plots and for the fixed-point laws.
 * @param parameters - bandwidth, dirty rate, sync time and memory size
 * @param estimator - which bandwidth estimate to record
 * @param iterations - how many iterations to record, >= 1
 * @returns one record per iteration, in order
 * @throws TypeError/RangeError for parameters outside their domain
 */
export function simulateTrajectory(parameters: MigrationParameters, estimator: BandwidthEstimatorName, iterations: number): IterationRecord[] {
  const fn = 'simulateTrajectory';
  const p = validateMigrationParameters(fn, parameters);
  requireInteger(fn, 'iterations', iterations, 1);
  const records: IterationRecord[] = [];
  runMigration(p, estimator, iterations, (it) => {
    records.push(it);
    return false;
  });
  return records;
}
