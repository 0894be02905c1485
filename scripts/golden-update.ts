/**
 * `npm run golden:update`: rewrites the golden files from what the code computes now, the only way
 * they change. Refuses to run in CI (`CI` set to anything but empty, `false` or `0`, as vitest reads it), so a CI job can never accept its own results.
 */
import { resolve } from 'node:path';
import { isContinuousIntegration } from '../src/gate/continuous-integration.ts';
import { compareGoldenDirectory, produceGoldenFiles, writeGoldenDirectory } from '../src/golden/golden-set.ts';

const GOLDEN_DIRECTORY = resolve(import.meta.dirname, '../golden');

if (isContinuousIntegration()) {
  console.error(`golden:update: refusing to write golden files in CI (CI=${process.env.CI}); run it locally and commit the reviewed result`);
  process.exit(2);
}

const produced = produceGoldenFiles();
const problems = compareGoldenDirectory(GOLDEN_DIRECTORY, produced);
for (const problem of problems) console.log(`${problem.kind}: ${problem.detail}\n`);
const { written, unchanged, deleted } = writeGoldenDirectory(GOLDEN_DIRECTORY, produced);
console.log(`golden:update: ${written.length} written, ${unchanged.length} unchanged, ${deleted.length} deleted in ${GOLDEN_DIRECTORY}`);
for (const name of written) console.log(`  wrote   ${name}`);
for (const name of deleted) console.log(`  deleted ${name}`);
if (written.length + deleted.length > 0) console.log('Review the change with git diff golden/ before committing it.');
