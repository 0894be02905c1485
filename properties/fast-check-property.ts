/**
 * The fast-check runner for properties written as plain vitest tests. The seed comes from `FC_SEED`
 * (default fixed, so CI runs are reproducible), `FC_NUM_RUNS` overrides every run count and `FC_PATH`
 * replays one counterexample (all read by `src/property-settings.ts`); on failure fast-check reports the
 * seed and the counterexample path.
 *
 * These files call `fc.assert` from plain vitest tests rather than `test.prop` from
 * `@fast-check/vitest`: on this 2-core machine importing `@fast-check/vitest` costs about 2 s per test
 * file (it loads vitest's runner internals), against about 40 ms for `fast-check` itself.
 */
import fc from 'fast-check';
import { propertySettingsFromEnv, type PropertySettings } from '../src/property-settings.ts';

/**
 * The settings for one property.
 * @param defaultRuns - runs when `FC_NUM_RUNS` is not set; simulation-heavy properties ask for fewer
 * @returns `{ seed, numRuns, path? }`
 */
export function propertySettings(defaultRuns: number): PropertySettings {
  const settings = propertySettingsFromEnv();
  return { ...settings, numRuns: process.env.FC_NUM_RUNS?.trim() ? settings.numRuns : defaultRuns };
}

/**
 * A vitest test body that checks a property with the suite's seed and run count.
 * @param arbitraries - one arbitrary per argument of the predicate
 * @param predicate - throws (an `expect`) or returns false when the law fails; `fc.pre` skips a case
 * @param defaultRuns - runs when `FC_NUM_RUNS` is not set
 * @returns the test body
 */
export function property<Ts extends [unknown, ...unknown[]]>(
  arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
  predicate: (...args: Ts) => boolean | void,
  defaultRuns: number,
): () => void {
  return () => fc.assert(fc.property(...arbitraries, predicate), propertySettings(defaultRuns));
}
