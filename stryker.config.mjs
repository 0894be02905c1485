// Mutation testing of the core (npm run mutation; docs/bug-finding.md explains the scope and the
// incremental file). The seed is pinned by the npm script, so a re-run gives the same verdicts.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  coverageAnalysis: 'perTest',
  mutate: [
    'src/bitmap/**/*.ts',
    'src/convergence/**/*.ts',
    'src/simulator/**/*.ts',
    'src/sync/**/*.ts',
    // Loading user modules and C code: reached only through child processes and a compiler.
    '!src/sync/native/**',
    '!src/sync/plugin-loader.ts',
    '!src/sync/plugin-load-error.ts',
  ],
  // Mutants only reached while modules load (constant tables) would need every test per mutant.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'mutation/incremental.json',
  // Two workers: the machine has two cores.
  concurrency: 2,
  // The first run measures every test once in one thread; on a loaded 2-core machine that takes minutes.
  dryRunTimeoutMinutes: 60,
  timeoutMS: 15_000,
  reporters: ['clear-text', 'progress-append-only', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 95, low: 90, break: null },
};
