import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['properties/**/*.test.ts', 'golden/**/*.test.ts', 'src/**/*.test.ts', 'bench/**/*.test.ts'],
    // Tests that start child processes or compilers, or recompute a whole record (`*.long.test.ts`: the
    // plug-in runners, the misbehaving-plug-in kit, the qemu command and fixture layouts, the CLI, the
    // report, the convergence golden file) stay out of `npm test`; `npm run test:all` and CI
    // (`.ci/run`) run them too.
    exclude: [
      ...configDefaults.exclude,
      ...(process.env.DSO_LONG_TESTS ? [] : ['**/*.long.test.ts']),
      // The whole exhaustive space (eight files, minutes of CPU) runs in CI and `npm run test:exhaustive`.
      ...(process.env.EXHAUSTIVE_SPACE?.trim() === 'full' ? [] : ['properties/sync/exhaustive/full/**']),
    ],
    // Property runs are CPU-bound; two workers match the CI machine's two cores.
    maxWorkers: 2,
    // Test files share each worker's loaded modules instead of importing them afresh: importing was
    // two thirds of npm test's time (mathjs, the sync and simulator core), and no test relies on a fresh
    // module (they keep no state between files; the mutation run has its own config). The whole
    // exhaustive space (CI) runs isolated: sharing a worker's heap with the other files made its slices
    // spend 2.7 times the CPU (690 s against 250 s in one CI run each way).
    isolate: process.env.EXHAUSTIVE_SPACE?.trim() === 'full',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
    },
  },
});
