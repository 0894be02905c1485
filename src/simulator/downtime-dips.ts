/**
 * Where a shorter sync does not mean a smaller least downtime limit: the least limit of a simulated
 * migration over a range of sync times, and the steps where it falls as the sync time grows.
 */
import { requireFinite } from '../check.ts';
import type { BandwidthEstimatorName } from './bandwidth-estimators.ts';
import { simulatedMinDowntime } from './threshold-search.ts';

/** One step of the sync time after which the least limit is smaller. */
export interface DowntimeDip {
  /** The shorter sync time (ms). */
  readonly fromSyncMs: number;
  /** Its least limit (ms). */
  readonly fromDowntimeMs: number;
  /** The longer sync time (ms). */
  readonly toSyncMs: number;
  /** Its least limit, smaller (ms). */
  readonly toDowntimeMs: number;
}

/**
 * Scans sync times and lists every step where the least converging limit falls.
 * @param bandwidthBytesPerMs - link bandwidth B (bytes per ms)
 * @param dirtyRateBytesPerMs - dirty rate D (bytes per ms)
 * @param memoryBytes - guest memory, all dirty at the start (bytes)
 * @param syncTimesMs - sync times to scan, increasing (ms)
 * @param estimator - which bandwidth estimate the stop rule uses
 * @returns the falling steps, in order of sync time
 * @throws RangeError for sync times that are not increasing
 */
export function downtimeDips(bandwidthBytesPerMs: number, dirtyRateBytesPerMs: number, memoryBytes: number, syncTimesMs: readonly number[], estimator: BandwidthEstimatorName): DowntimeDip[] {
  syncTimesMs.forEach((syncMs, index) => requireFinite('downtimeDips', `syncTimesMs[${index}]`, syncMs, { gt: index === 0 ? 0 : syncTimesMs[index - 1] }));
  const least = syncTimesMs.map((syncMs) => simulatedMinDowntime({ bandwidthBytesPerMs, dirtyRateBytesPerMs, syncMs, memoryBytes }, estimator).downtimeMs);
  const dips: DowntimeDip[] = [];
  for (let i = 1; i < least.length; i++) {
    if (least[i] < least[i - 1]) dips.push({ fromSyncMs: syncTimesMs[i - 1], fromDowntimeMs: least[i - 1], toSyncMs: syncTimesMs[i], toDowntimeMs: least[i] });
  }
  return dips;
}
