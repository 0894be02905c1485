/**
 * The committed mutation score cannot go stale unnoticed: CI does not run Stryker (a run over the
 * core takes far longer than the test budget on two cores), so this test holds the committed
 * incremental reports (mutation/incremental/, one per chunk of the core) against the source it was computed from, the score
 * tables in the README and docs/bug-finding.md against the report, and every surviving mutant against
 * the list of equivalent ones (mutation/equivalent-mutants.json).
 */
import { describe, expect, test } from 'vitest';
import { type EquivalentMutant, readIncrementalReports, readRepositoryJson, reportFreshness, unexplainedSurvivors } from '../../scripts/mutation/mutation-report.ts';
import { currentScoreTable, SCORE_TABLE_SAMPLES } from '../../scripts/mutation/score-table.ts';
import { readDocSample } from '../docs/doc-sample.ts';

const RERUN = 'run `npm run mutation` (incremental: only the mutants of changed code and tests are re-tested) and commit mutation/incremental/ with the tables it writes';
/** When only the set of core files changed (a file added or removed), the tables are rewritten without a mutation run. */
const RETABLE = 'if only core files were added or removed, `npx tsx scripts/mutation-scores.ts` rewrites the tables without a mutation run; otherwise ' + RERUN;

describe('the committed mutation report', () => {
  const report = readIncrementalReports();

  test('was computed from the core files as they are now', () => {
    const { changed, gone } = reportFreshness(report);
    const problems = [...changed.map((file) => `changed since the mutation run: ${file}`), ...gone.map((file) => `in the report but no longer in the core: ${file}`)];
    expect(problems, `The mutation score is stale.\n${problems.join('\n')}\nTo refresh it, ${RERUN}.`).toEqual([]);
  });

  test('README.md shows the measured files of the committed report', () => {
    expect(readDocSample('README.md', 'mutation-scores'), `README.md has an outdated score table; ${RETABLE}`).toBe(currentScoreTable(report, true));
  });

  test('docs/bug-finding.md shows every core file against the committed report', () => {
    expect(readDocSample('docs/bug-finding.md', 'mutation-scores'), `docs/bug-finding.md has an outdated score table; ${RETABLE}`).toBe(currentScoreTable(report, false));
  });

  test('npm run mutation writes the tables these tests read', () => {
    expect(SCORE_TABLE_SAMPLES).toEqual([
      { file: 'README.md', id: 'mutation-scores', compact: true },
      { file: 'docs/bug-finding.md', id: 'mutation-scores', compact: false },
    ]);
  });

  test('lists as equivalent only mutants that survive, each with a reason; the tables count the rest as open', () => {
    const equivalents = readRepositoryJson('mutation/equivalent-mutants.json') as EquivalentMutant[];
    expect(equivalents.filter((e) => typeof e.reason !== 'string' || e.reason.trim() === '')).toEqual([]);
    expect(unexplainedSurvivors(report, equivalents).unmatched).toEqual([]);
  });
});
