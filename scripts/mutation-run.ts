/**
 * `npm run mutation [-- CHUNK…]`: runs Stryker over the core (or the chunks named, in that order) one chunk at a time (`mutation/scope.json`),
 * each chunk with its own committed incremental report in `mutation/incremental/`, then rewrites the
 * score tables (`scripts/mutation-scores.ts`). A chunk's report is written when its run ends, so an
 * interrupted run keeps every chunk it finished, and a re-run after a small change re-tests only the
 * mutants of changed code and of the tests that reach it.
 *
 * The fast-check seed is pinned and the run-count and path overrides are cleared, so each property
 * runs exactly as it does in `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INCREMENTAL_REPORT_FOLDER, MUTATION_SEED, mutationChunks, REPOSITORY_ROOT } from './mutation/mutation-report.ts';

/**
 * How each chunk's committed report was made, so a chunk whose coverage analysis or test set changed is
 * re-run in full.
 */
const SETTINGS_FILE = join(REPOSITORY_ROOT, 'mutation/chunk-settings.json');
const recorded: Record<string, { coverageAnalysis: string; skipTests?: string[] }> = existsSync(SETTINGS_FILE) ? JSON.parse(readFileSync(SETTINGS_FILE, 'utf8')) : {};

const chunks = mutationChunks();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !chunks.some((chunk) => chunk.name === name));
if (unknown.length > 0) {
  console.error(`mutation: unknown chunk ${unknown.join(', ')}; the chunks are ${chunks.map((chunk) => chunk.name).join(', ')}`);
  process.exit(2);
}
const env: NodeJS.ProcessEnv = { ...process.env, FC_SEED: MUTATION_SEED };
delete env.FC_PATH;
delete env.FC_NUM_RUNS;
let failed = 0;
// Chunks named on the command line run in the order given; with none, every chunk in scope order.
const selected = wanted.length === 0 ? chunks : wanted.map((name) => chunks.find((chunk) => chunk.name === name)!);
for (const chunk of selected) {
  if (chunk.files.length === 0) continue;
  const startedMs = Date.now();
  // Incremental mode reuses verdicts whenever code and tests are unchanged; verdicts made under another
  // coverage analysis or with another test set must not be reused, so such a chunk runs in full.
  const before = recorded[chunk.name];
  const sameTests = (before?.skipTests ?? []).join(',') === chunk.skipTests.join(',');
  const force = (before?.coverageAnalysis ?? 'perTest') !== chunk.coverageAnalysis || !sameTests;
  const skipped = chunk.skipTests.length > 0 ? `, without ${chunk.skipTests.join(', ')}` : '';
  console.log(`mutation: chunk ${chunk.name}, ${chunk.files.length} files, ${chunk.coverageAnalysis} coverage${skipped}${force ? ', in full (its report was made with another coverage analysis or test set)' : ''}`);
  // vitest.mutation.config.ts reads the list; the variable is set for every chunk so none inherits another's.
  env.DSO_MUTATION_SKIP_TESTS = chunk.skipTests.join(',');
  const args = ['stryker', 'run', '--mutate', chunk.files.join(','), '--incrementalFile', `${INCREMENTAL_REPORT_FOLDER}/${chunk.name}.json`, '--coverageAnalysis', chunk.coverageAnalysis];
  if (force) args.push('--force');
  const run = spawnSync('npx', args, { cwd: REPOSITORY_ROOT, env, stdio: 'inherit' });
  const minutes = ((Date.now() - startedMs) / 60_000).toFixed(1);
  if (run.status !== 0) {
    failed++;
    console.error(`mutation: chunk ${chunk.name} failed after ${minutes} min (exit ${run.status ?? run.signal})`);
  } else {
    console.log(`mutation: chunk ${chunk.name} done in ${minutes} min`);
    recorded[chunk.name] = chunk.skipTests.length > 0 ? { coverageAnalysis: chunk.coverageAnalysis, skipTests: [...chunk.skipTests] } : { coverageAnalysis: chunk.coverageAnalysis };
    writeFileSync(SETTINGS_FILE, `${JSON.stringify(recorded, null, 2)}\n`);
  }
}
const scores = spawnSync('npx', ['tsx', 'scripts/mutation-scores.ts'], { cwd: REPOSITORY_ROOT, stdio: 'inherit' });
process.exit(failed > 0 || scores.status !== 0 ? 1 : 0);
