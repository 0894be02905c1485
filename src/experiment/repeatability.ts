/**
 * QEMU against itself: the sweep runs every point more than once, and each later run is scored
 * against the first exactly as a prediction of the loop model is scored against a run. The figures
 * are the noise floor of the agreement targets on this host: a model cannot agree with QEMU more
 * often than QEMU agrees with itself.
 */
import type { ExperimentRun } from './experiment-trace.ts';
import { measuredFigures } from './measured-figures.ts';
import { agreementFigures, type AgreementFigures } from './model-comparison.ts';

/**
 * The point a run belongs to: its id without the `#n` repetition suffix.
 * @param id - a run's id
 * @returns the point's id
 */
export function pointOf(id: string): string {
  return id.replace(/#\d+$/, '');
}

/**
 * Scores every repeated run against the first run of its point.
 * @param runs - the sweep's runs
 * @returns the agreement figures over the repeated runs (0 points when nothing was repeated)
 */
export function repeatabilityFigures(runs: readonly ExperimentRun[]): AgreementFigures {
  const first = new Map<string, ExperimentRun>();
  const pairs: [ExperimentRun, ExperimentRun][] = [];
  for (const run of runs) {
    const earlier = first.get(pointOf(run.id));
    if (earlier === undefined) first.set(pointOf(run.id), run);
    else pairs.push([earlier, run]);
  }
  return agreementFigures(
    pairs.map(([reference, repeat]) => {
      const a = measuredFigures(reference);
      const b = measuredFigures(repeat);
      return {
        verdictAgrees: a.converged === b.converged,
        totalTimeRatio: a.converged && b.converged ? b.totalTimeMs / a.totalTimeMs : null,
        syncCountDifference: b.dirtySyncCount - a.dirtySyncCount,
      };
    }),
  );
}
