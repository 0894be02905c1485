/**
 * The seed, run count and replay path every property run uses, read from the environment so a
 * failure can be replayed: `FC_SEED`, `FC_NUM_RUNS`, `FC_PATH`.
 */
import { rangeError } from './check.ts';

/** Settings of one fast-check run. */
export interface PropertySettings {
  /** The PRNG seed. */
  readonly seed: number;
  /** Runs per property before the family's scale is applied. */
  readonly numRuns: number;
  /** A counterexample path to replay, as fast-check prints it. */
  readonly path?: string;
}

/** The fixed default seed (the date of the patch's v2, 2025-12-15), so CI runs are reproducible. */
export const DEFAULT_SEED = 20251215;

/** Default runs per property: enough to hit every edge value many times, fast enough for `npm test`. */
export const DEFAULT_NUM_RUNS = 100;

/**
 * Reads `FC_SEED`, `FC_NUM_RUNS` and `FC_PATH`.
 * @param env - the environment (default `process.env`)
 * @returns the settings
 * @throws RangeError when a variable is set to something that is not a valid value
 */
export function propertySettingsFromEnv(env: NodeJS.ProcessEnv = process.env): PropertySettings {
  const seed = integerVariable(env, 'FC_SEED', DEFAULT_SEED, -(2 ** 31), 2 ** 31 - 1);
  const numRuns = integerVariable(env, 'FC_NUM_RUNS', DEFAULT_NUM_RUNS, 1, 10_000_000);
  const path = env.FC_PATH?.trim();
  if (path !== undefined && path !== '' && !/^\d+(:\d+)*$/.test(path)) throw rangeError('propertySettingsFromEnv', 'FC_PATH', 'numbers separated by ":" (as fast-check prints it)', path);
  return path ? { seed, numRuns, path } : { seed, numRuns };
}

function integerVariable(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const text = env[name]?.trim();
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min || value > max) throw rangeError('propertySettingsFromEnv', name, `an integer in [${min}, ${max}]`, text);
  return value;
}
