/**
 * What a recorded run measured, in the terms the loop model predicts: the verdict, total time, real
 * downtime, sync count and `expected-downtime` over time, and the inputs a prediction needs that QEMU
 * measured along the way (sync durations, the link's speed while the guest was stopped).
 */
import type { ExperimentRun } from './experiment-trace.ts';

/** The measured side of one point. */
export interface MeasuredFigures {
  readonly converged: boolean;
  /** `total-time` when it completed, else the time it ran before it was cancelled (ms). */
  readonly totalTimeMs: number;
  /** `downtime`, the real one, when it completed (ms). */
  readonly downtimeMs: number | null;
  /** `dirty-sync-count` at the end. */
  readonly dirtySyncCount: number;
  /** `expected-downtime` over time: [tMs, ms], from the samples that carry it. */
  readonly expectedDowntime: readonly (readonly [number, number])[];
  /** The median duration of the run's bitmap syncs, from QEMU's trace (ms); null without trace events. */
  readonly medianSyncMs: number | null;
  /** Bytes sent while the guest was stopped over the downtime (bytes per ms); null when nothing was sent then. */
  readonly stoppedLinkBytesPerMs: number | null;
}

/**
 * The median of a list.
 * @param values - numbers
 * @returns the median, or null for an empty list
 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * The measured figures of a run.
 * @param run - the recorded run
 * @returns its figures
 */
export function measuredFigures(run: ExperimentRun): MeasuredFigures {
  const converged = run.outcome === 'completed';
  const last = run.samples[run.samples.length - 1];
  const totalTimeMs = run.final.totalTimeMs ?? last?.[8] ?? last?.[0] ?? 0;
  const expectedDowntime = run.samples.filter((row) => row[6] !== null).map((row) => [row[0], row[6] as number] as const);
  const downtimeBytes = run.final.downtimeBytes ?? 0;
  const downtimeMs = converged ? run.final.downtimeMs : null;
  return {
    converged,
    totalTimeMs,
    downtimeMs,
    dirtySyncCount: run.final.dirtySyncCount ?? 0,
    expectedDowntime,
    medianSyncMs: median(run.syncs.map((sync) => sync[1])),
    stoppedLinkBytesPerMs: downtimeMs !== null && downtimeMs > 0 && downtimeBytes > 0 ? downtimeBytes / downtimeMs : null,
  };
}
