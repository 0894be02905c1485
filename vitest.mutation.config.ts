import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against each mutant (`npm run mutation`, see docs/bug-finding.md). It leaves
 * out the tests that cannot see a mutant or cost far more than they add:
 * - the CLI, plug-in, gate-kit, QEMU-source and native tests (and every `*.long.test.ts`) run the code
 *   in child processes or through a C compiler, where Stryker's in-process mutant switch does not reach;
 * - the golden gates recompute every result when their file is imported (20 s for sync), which would
 *   run once per mutant; the properties are the oracle, the golden files a record of it;
 * - the report, docs and bench tests check presentation, not the core, and the mutation tests read
 *   the mutation report itself.
 * So the score is a lower bound on what `npm test` catches.
 */
export default defineConfig({
  test: {
    include: ['properties/**/*.test.ts'],
    exclude: [
      'properties/cli/**',
      '**/*.long.test.ts',
      'properties/sync/misbehaving-plugins.test.ts',
      'properties/sync/native/**',
      'properties/qemu-source/**',
      // The whole exhaustive space (minutes of CPU) would run for every mutant; its cut-down stays in.
      'properties/sync/exhaustive/full/**',
      'properties/report/**',
      'properties/docs/**',
      'properties/mutation/**',
      // A chunk of mutation/scope.json may leave out tests that reach its code only through a far more
      // expensive computation than its own tests (scripts/mutation-run.ts sets the list per chunk).
      ...(process.env.DSO_MUTATION_SKIP_TESTS ?? '').split(',').filter((path) => path !== ''),
    ],
    // Tests that share an expensive value build it per test here, so per-test coverage credits each
    // test with the code it depends on (properties/per-test-fixture.ts).
    env: { DSO_PER_TEST_FIXTURES: '1' },
    // Instrumented for coverage on a shared machine, the claims audit alone can take minutes.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
