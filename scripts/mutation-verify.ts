/**
 * `npm run mutation:verify -- FILE:LINE[:COLUMN] [...]`: checks a surviving mutant by hand, outside
 * Stryker. It applies the mutant's replacement, as the committed incremental report records it, to a
 * copy of the repository, runs the tests that import the file (the mutation test set, same seed) and
 * says whether any failed. A survivor the tests kill by hand is a fault in the mutation run, not a gap
 * in the tests; one they do not kill is a real survivor.
 *
 * The copy lives in a temporary directory (sources, tests, configuration, `node_modules` linked), so
 * the working tree is never modified.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MUTATION_SEED, readIncrementalReports, REPOSITORY_ROOT, type ReportMutant } from './mutation/mutation-report.ts';

// Tests in the mutation set also read documentation samples (docs/, README.md) and import scripts/: without
// them those tests fail in the copy whatever the mutant, and every mutant would read as killed.
const COPIED = ['src', 'properties', 'golden', 'data', 'examples', 'baselines', 'native', 'guest', 'docs', 'README.md', 'scripts', 'package.json', 'tsconfig.json', 'vitest.config.ts', 'vitest.mutation.config.ts'];

interface LocatedMutant extends ReportMutant {
  readonly location: { readonly start: { readonly line: number; readonly column: number }; readonly end: { readonly line: number; readonly column: number } };
}

/** Replaces the text between a mutant's start and end (1-based lines, 1-based columns as the report gives them). */
function applyMutant(source: string, mutant: LocatedMutant): string {
  const lines = source.split('\n');
  const offset = (line: number, column: number) => lines.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0) + column - 1;
  const start = offset(mutant.location.start.line, mutant.location.start.column);
  const end = offset(mutant.location.end.line, mutant.location.end.column);
  return source.slice(0, start) + (mutant.replacement ?? '') + source.slice(end);
}

const report = readIncrementalReports();
const targets = process.argv.slice(2);
if (targets.length === 0) {
  console.error('usage: npm run mutation:verify -- FILE:LINE[:COLUMN] ... (a surviving mutant of the committed report)');
  process.exit(2);
}
let exitCode = 0;
for (const target of targets) {
  const [file, lineText, columnText] = target.split(':');
  const candidates = ((report.files[file]?.mutants ?? []) as LocatedMutant[]).filter(
    (m) => (m.status === 'Survived' || m.status === 'NoCoverage') && m.location.start.line === Number(lineText) && (columnText === undefined || m.location.start.column === Number(columnText)),
  );
  if (candidates.length === 0) {
    console.error(`mutation:verify: no surviving mutant at ${target} in the committed report`);
    exitCode = 2;
    continue;
  }
  for (const mutant of candidates) {
    const copy = mkdtempSync(join(tmpdir(), 'dso-mutant-'));
    try {
      for (const entry of COPIED) cpSync(join(REPOSITORY_ROOT, entry), join(copy, entry), { recursive: true });
      symlinkSync(join(REPOSITORY_ROOT, 'node_modules'), join(copy, 'node_modules'));
      writeFileSync(join(copy, file), applyMutant(readFileSync(join(REPOSITORY_ROOT, file), 'utf8'), mutant));
      // The seed and run counts of the mutation run (scripts/mutation-run.ts).
      const env: NodeJS.ProcessEnv = { ...process.env, FC_SEED: MUTATION_SEED };
      delete env.FC_NUM_RUNS;
      delete env.FC_PATH;
      const run = spawnSync('npx', ['vitest', 'related', '--run', '--config', 'vitest.mutation.config.ts', file], { cwd: copy, env, encoding: 'utf8' });
      const killed = run.status !== 0;
      const where = `${file}:${mutant.location.start.line}:${mutant.location.start.column} ${mutant.mutatorName} ${JSON.stringify(mutant.replacement ?? '')}`;
      console.log(`${killed ? 'KILLED by hand (a fault of the mutation run)' : 'survives by hand'}: ${where}`);
      if (killed) console.log((run.stdout + run.stderr).split('\n').filter((line) => /FAIL|AssertionError|Error:/.test(line)).slice(0, 4).join('\n'));
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }
}
process.exit(exitCode);
