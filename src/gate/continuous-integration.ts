/**
 * Tells whether this process runs in CI, the way vitest does: `CI` set to any non-empty value other
 * than `false` or `0`. Commands that would accept their own results (writing golden files or a
 * baseline) refuse to run there.
 */

/**
 * @param env - the environment (default: this process's)
 * @returns true in CI
 */
export function isContinuousIntegration(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.CI?.trim() ?? '';
  return value !== '' && value !== 'false' && value !== '0';
}
