/**
 * The seed's closed forms next to the simulators' thresholds for the same inputs, as plain data for
 * the command line, the claims audit and reports. Deterministic: the simulators have no randomness
 * and bisect to a fixed tolerance.
 */
import { BANDWIDTH_ESTIMATOR_NAMES, type BandwidthEstimatorName } from '../simulator/bandwidth-estimators.ts';
import { settledSendTime } from '../simulator/settled-send-time.ts';
import { type SearchOptions, type SimulatedDirtyRate, type SimulatedDowntime, simulatedMaxDirtyRate, simulatedMinDowntime } from '../simulator/threshold-search.ts';
import { type ClosedFormDirtyRate, maxDirtyRate } from './max-dirty-rate.ts';
import { type ClosedFormDowntime, minDowntime } from './min-downtime.ts';

/** Memory of the seed's 64-vCPU, 256 GiB VM, the default migration size (bytes). */
export const SEED_VM_MEMORY_BYTES = 256 * 2 ** 30;

/** Memory size and search settings of the simulations. */
export interface ComparisonOptions extends SearchOptions {
  /** Guest memory, all dirty at the start (bytes); default 256 GiB. */
  readonly memoryBytes?: number;
}

/** Least downtime limits for one (B, D, x). */
export interface DowntimeThresholds {
  readonly inputs: { readonly bandwidthBytesPerMs: number; readonly dirtyRateBytesPerMs: number; readonly syncMs: number; readonly memoryBytes: number };
  readonly closedForm: ClosedFormDowntime;
  /** The send time the simulated migration settles at, to compare with t* (ms). */
  readonly settledSendMs: number;
  readonly simulated: Readonly<Record<BandwidthEstimatorName, SimulatedDowntime>>;
}

/** Greatest converging dirty rates for one (B, x, y). */
export interface DirtyRateThresholds {
  readonly inputs: { readonly bandwidthBytesPerMs: number; readonly syncMs: number; readonly downtimeLimitMs: number; readonly memoryBytes: number };
  readonly closedForm: ClosedFormDirtyRate;
  readonly simulated: Readonly<Record<BandwidthEstimatorName, SimulatedDirtyRate>>;
}

/**
 * One result per estimator, each searched for on first read: a caller that reads one estimator pays
 * for one search (the pass-granular one is the costliest), and enumerating or serialising the record
 * reads them all.
 */
function byEstimator<T>(compute: (name: BandwidthEstimatorName) => T): Record<BandwidthEstimatorName, T> {
  const results = new Map<BandwidthEstimatorName, T>();
  const record = {} as Record<BandwidthEstimatorName, T>;
  for (const name of BANDWIDTH_ESTIMATOR_NAMES) {
    Object.defineProperty(record, name, {
      enumerable: true,
      get: () => {
        if (!results.has(name)) results.set(name, compute(name));
        return results.get(name) as T;
      },
    });
  }
  return record;
}

/**
 * The seed's least downtime limit (closed form) and both simulators' least limits, from all memory dirty.
 * @param bandwidthBytesPerMs - real bandwidth B (bytes per ms)
 * @param dirtyRateBytesPerMs - dirty rate D (bytes per ms), `0 < D < B`
 * @param syncMs - sync time x (ms), > 0
 * @param options - memory size (default 256 GiB), tolerance and iteration cap of the simulations
 * @returns closed form, settled send time, and simulated thresholds by estimator
 * @throws TypeError/RangeError for inputs outside the seed's domain
 */
export function downtimeThresholds(bandwidthBytesPerMs: number, dirtyRateBytesPerMs: number, syncMs: number, options: ComparisonOptions = {}): DowntimeThresholds {
  const closedForm = minDowntime(bandwidthBytesPerMs, dirtyRateBytesPerMs, syncMs);
  const memoryBytes = options.memoryBytes ?? SEED_VM_MEMORY_BYTES;
  const parameters = { bandwidthBytesPerMs, dirtyRateBytesPerMs, syncMs, memoryBytes };
  return {
    inputs: parameters,
    closedForm,
    settledSendMs: settledSendTime(parameters, 'seed-premises').sendMs,
    simulated: byEstimator((name) => simulatedMinDowntime(parameters, name, options)),
  };
}

/**
 * The seed's greatest converging dirty rate (closed form) and both simulators' greatest rates.
 * @param bandwidthBytesPerMs - real bandwidth B (bytes per ms), > 0
 * @param syncMs - sync time x (ms), > 0
 * @param downtimeLimitMs - downtime limit y (ms), > 0
 * @param options - memory size (default 256 GiB), tolerance and iteration cap of the simulations
 * @returns closed form and simulated thresholds by estimator
 * @throws TypeError/RangeError for inputs outside the domain
 */
export function dirtyRateThresholds(bandwidthBytesPerMs: number, syncMs: number, downtimeLimitMs: number, options: ComparisonOptions = {}): DirtyRateThresholds {
  const closedForm = maxDirtyRate(bandwidthBytesPerMs, syncMs, downtimeLimitMs);
  const memoryBytes = options.memoryBytes ?? SEED_VM_MEMORY_BYTES;
  return {
    inputs: { bandwidthBytesPerMs, syncMs, downtimeLimitMs, memoryBytes },
    closedForm,
    simulated: byEstimator((name) => simulatedMaxDirtyRate(bandwidthBytesPerMs, syncMs, downtimeLimitMs, memoryBytes, name, options)),
  };
}
