/**
 * The seed's points through every model: for B = 15 GB/s and a 256 GiB guest, before the patch
 * (x = 73 ms) and after it (x = 12 ms), the least downtime limit at D = 10 GB/s and the greatest dirty
 * rate at y = 150 ms, by the seed's closed forms, the three fluid estimators and QEMU's loop (today's
 * rules, no rate limit), with the loop's real downtime at its least limit.
 */
import { loopGreatestDirtyRate, loopLeastDowntime } from '../simulator/qemu-loop/loop-search.ts';
import type { LoopParameters } from '../simulator/qemu-loop/loop-parameters.ts';
import { simulateQemuLoop } from '../simulator/qemu-loop/migration-loop.ts';
import { BANDWIDTH_ESTIMATOR_NAMES, type BandwidthEstimatorName } from '../simulator/bandwidth-estimators.ts';
import { simulatedMaxDirtyRate, simulatedMinDowntime } from '../simulator/threshold-search.ts';
import { maxDirtyRate } from './max-dirty-rate.ts';
import { minDowntime } from './min-downtime.ts';
import { SEED_VM_MEMORY_BYTES } from './threshold-comparison.ts';

/** One column of the comparison: what one model says at one sync time. */
export interface LoopComparisonRow {
  /** `seed, eq. (limit)/(rate)`, an estimator name, or `qemu loop`. */
  readonly model: string;
  /** The sync time (ms): 73 before the patch, 12 after. */
  readonly syncMs: number;
  /** Least downtime limit at D = 10 GB/s (ms); null when none. */
  readonly leastDowntimeMs: number | null;
  /** The loop's real downtime at that limit (ms); null for models without a stop-and-copy. */
  readonly realDowntimeMs: number | null;
  /** Greatest converging dirty rate at y = 150 ms (bytes per ms); null when none. */
  readonly greatestDirtyRateBytesPerMs: number | null;
  /** Separate converging intervals the dirty-rate scan saw (1 = monotone as far as seen); null for closed forms. */
  readonly dirtyRateIntervals: number | null;
}

/** The seed's link bandwidth (bytes per ms). */
const SEED_BANDWIDTH_BYTES_PER_MS = 15e6;
/** The seed's first-case dirty rate (bytes per ms). */
const SEED_DIRTY_RATE_BYTES_PER_MS = 10e6;
/** The seed's second-case downtime limit (ms). */
const SEED_DOWNTIME_LIMIT_MS = 150;

/**
 * Builds the comparison for the seed's two sync times.
 * @param syncTimesMs - sync times to compare (ms); default the seed's 73 and 12
 * @returns one row per model and sync time
 */
export function loopComparison(syncTimesMs: readonly number[] = [73, 12]): LoopComparisonRow[] {
  const B = SEED_BANDWIDTH_BYTES_PER_MS;
  const memoryBytes = SEED_VM_MEMORY_BYTES;
  return syncTimesMs.flatMap((syncMs) => {
    const closedDowntime = minDowntime(B, SEED_DIRTY_RATE_BYTES_PER_MS, syncMs);
    const closedRate = maxDirtyRate(B, syncMs, SEED_DOWNTIME_LIMIT_MS);
    const seed: LoopComparisonRow = {
      model: `seed, eq. (${closedDowntime.equation})/(${closedRate.equation ?? '-'})`, syncMs, leastDowntimeMs: closedDowntime.downtimeLimitMs, realDowntimeMs: null,
      greatestDirtyRateBytesPerMs: closedRate.converges ? closedRate.dirtyRateBytesPerMs : null, dirtyRateIntervals: null,
    };
    const estimators = BANDWIDTH_ESTIMATOR_NAMES.map((name: BandwidthEstimatorName): LoopComparisonRow => {
      const downtime = simulatedMinDowntime({ bandwidthBytesPerMs: B, dirtyRateBytesPerMs: SEED_DIRTY_RATE_BYTES_PER_MS, syncMs, memoryBytes }, name);
      const rate = simulatedMaxDirtyRate(B, syncMs, SEED_DOWNTIME_LIMIT_MS, memoryBytes, name);
      return { model: name, syncMs, leastDowntimeMs: downtime.converges ? downtime.downtimeMs : null, realDowntimeMs: null, greatestDirtyRateBytesPerMs: rate.converges ? rate.dirtyRateBytesPerMs : null, dirtyRateIntervals: rate.intervals };
    });
    const loop: LoopParameters = {
      memoryBytes, linkBandwidthBytesPerMs: B, maxBandwidthBytesPerSecond: 0, downtimeLimitMs: SEED_DOWNTIME_LIMIT_MS,
      workload: { kind: 'constant', dirtyRateBytesPerMs: SEED_DIRTY_RATE_BYTES_PER_MS }, syncCost: { kind: 'constant', syncMs }, ruleSet: 'qemu-today', maxTimeMs: 300_000,
    };
    const least = loopLeastDowntime(loop, 1000);
    const atLeast = least.converges ? simulateQemuLoop({ ...loop, downtimeLimitMs: least.edge, trace: false }) : null;
    const rate = loopGreatestDirtyRate(loop);
    return [seed, ...estimators, {
      model: 'qemu loop', syncMs, leastDowntimeMs: least.converges ? least.edge : null, realDowntimeMs: atLeast?.downtimeMs ?? null,
      greatestDirtyRateBytesPerMs: rate.converges ? rate.edge : null, dirtyRateIntervals: rate.intervals,
    }];
  });
}

/**
 * Renders the comparison as a text table, in ms and GB/s.
 * @param rows - the rows
 * @returns the table
 */
export function renderLoopComparison(rows: readonly LoopComparisonRow[]): string {
  const cell = (value: number | null, digits: number) => (value === null ? '-' : value.toFixed(digits));
  const header = ['model', 'x (ms)', 'least y at D = 10 (ms)', 'real downtime (ms)', 'greatest D at y = 150 (GB/s)', 'intervals'];
  const body = rows.map((row) => [row.model, String(row.syncMs), cell(row.leastDowntimeMs, 1), cell(row.realDowntimeMs, 1), cell(row.greatestDirtyRateBytesPerMs === null ? null : row.greatestDirtyRateBytesPerMs / 1e6, 3), row.dirtyRateIntervals === null ? '-' : String(row.dirtyRateIntervals)]);
  const widths = header.map((_, c) => Math.max(...[header, ...body].map((line) => line[c].length)));
  const line = (cells: readonly string[]) => cells.map((text, c) => text.padEnd(widths[c])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
