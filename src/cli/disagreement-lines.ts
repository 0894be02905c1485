/**
 * The lines under a threshold table that say why the simulators differ from the closed form.
 */
import type { Disagreement } from '../convergence/disagreement.ts';

/**
 * Renders each cause on one line, naming the estimators it explains.
 * @param disagreements - from `explainDowntimeDisagreement` or `explainDirtyRateDisagreement`
 * @returns no lines when everything agrees, else a blank line, a heading and one line per cause
 */
export function disagreementLines(disagreements: readonly Disagreement[]): string[] {
  if (disagreements.length === 0) return [];
  return ['', 'why the simulators differ from the closed form', ...disagreements.map((d) => `  ${d.estimators.join(', ')}: ${d.explanation}`)];
}
