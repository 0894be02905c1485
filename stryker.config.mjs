// Mutation testing of the core (npm run mutation; docs/bug-finding.md explains the scope and the
// incremental file). The seed is pinned by the npm script, so a re-run gives the same verdicts.
import { readFileSync } from 'node:fs';

const scope = JSON.parse(readFileSync(new URL('./mutation/scope.json', import.meta.url), 'utf8'));

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  // Only the test files that import a mutated file (directly or not) run, in the first run too.
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  coverageAnalysis: 'perTest',
  // The core, as mutation/scope.json lists it (the hash-check test reads the same file).
  mutate: [...scope.include.map((path) => (path.endsWith('.ts') ? path : `${path}/**/*.ts`)), ...scope.exclude.map((path) => (path.endsWith('.ts') ? `!${path}` : `!${path}/**`))],
  // Mutants only reached while modules load (constant tables) would need every test per mutant.
  ignoreStatic: true,
  incremental: true,
  // scripts/mutation-run.ts runs one chunk of the core at a time, each with its own report.
  incrementalFile: 'mutation/incremental/convergence.json',
  // Two workers: the machine has two cores.
  concurrency: 2,
  // The first run measures every test once in one thread; on a loaded 2-core machine that takes minutes.
  dryRunTimeoutMinutes: 60,
  // The machine is shared (helpers, tests): a slow run must not pass for a timeout, which counts as a kill.
  timeoutMS: 60_000,
  timeoutFactor: 3,
  reporters: ['clear-text', 'progress-append-only', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 95, low: 90, break: null },
};
