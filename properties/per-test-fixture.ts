/**
 * A value several tests of one file read, computed once per file in normal runs and once per test in
 * mutation runs.
 *
 * Stryker's per-test coverage credits code run in a `beforeAll` hook (or in whichever test first fills
 * a cache) to one test only, so a mutant reached while the shared value is built is run against that
 * test alone and can survive tests that would kill it. Under `DSO_PER_TEST_FIXTURES=1`, which
 * `vitest.mutation.config.ts` sets, each test builds its own value, so each is credited with the code
 * it depends on. The value is still built once per test, not once per read.
 */
import { expect } from 'vitest';

/**
 * Wraps an expensive computation shared by the tests of a file.
 * @param compute - builds the value; must give the same result every time (the tests compare with it)
 * @returns a reader to call inside a test (never at module level or in a hook)
 */
export function perTestFixture<T>(compute: () => T): () => T {
  const perTest = process.env.DSO_PER_TEST_FIXTURES === '1';
  let cached: { test: string | undefined; value: T } | undefined;
  return () => {
    const test = perTest ? expect.getState().currentTestName ?? '' : undefined;
    if (cached === undefined || cached.test !== test) cached = { test, value: compute() };
    return cached.value;
  };
}
