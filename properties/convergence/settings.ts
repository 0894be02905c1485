/**
 * fast-check settings for the convergence, simulator and command-line properties: the seed comes from
 * `FC_SEED` (default fixed, so CI runs are reproducible) and `FC_NUM_RUNS` overrides every run count.
 * fast-check prints the seed and the counterexample path on failure, so any failure can be replayed.
 */

const DEFAULT_SEED = 20251215;

/**
 * The settings for one property.
 * @param defaultRuns - runs when `FC_NUM_RUNS` is not set; simulation-heavy properties ask for fewer
 * @returns `{ seed, numRuns }` for `test.prop`
 */
export function propertySettings(defaultRuns: number): { seed: number; numRuns: number } {
  const seed = process.env.FC_SEED === undefined ? DEFAULT_SEED : Number(process.env.FC_SEED);
  const numRuns = process.env.FC_NUM_RUNS === undefined ? defaultRuns : Number(process.env.FC_NUM_RUNS);
  return { seed, numRuns };
}
