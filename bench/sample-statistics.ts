/**
 * Summary statistics of timing samples. The benchmarks pool the samples of a task from several
 * interleaved tinybench rounds, so the summary is computed here, over the pool, rather than taken from
 * one tinybench result.
 */

/** A task's timing, in milliseconds per call. */
export interface TimingSummary {
  /** Median: the figure every ratio uses; a burst of machine noise moves it least. */
  readonly medianMs: number;
  /** Mean. */
  readonly meanMs: number;
  /** Fastest call. */
  readonly minMs: number;
  /** Slowest call. */
  readonly maxMs: number;
  /** Median absolute deviation from the median, in percent of the median: the spread of the samples. */
  readonly madPercent: number;
  /** Timed calls. */
  readonly samples: number;
}

/**
 * Summarises timing samples.
 * @param samplesMs - the samples, in milliseconds, in any order
 * @returns the summary
 * @throws RangeError when there are no samples
 */
export function summarizeSamples(samplesMs: readonly number[]): TimingSummary {
  if (samplesMs.length === 0) throw new RangeError('summarizeSamples: samplesMs must hold at least one sample, got 0');
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const medianMs = median(sorted);
  const deviations = sorted.map((sample) => Math.abs(sample - medianMs)).sort((a, b) => a - b);
  return {
    medianMs,
    meanMs: sorted.reduce((sum, sample) => sum + sample, 0) / sorted.length,
    minMs: sorted[0],
    maxMs: sorted[sorted.length - 1],
    madPercent: medianMs > 0 ? (100 * median(deviations)) / medianMs : 0,
    samples: sorted.length,
  };
}

/** The median of sorted values; the mean of the two middle ones for an even count. */
function median(sorted: readonly number[]): number {
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
