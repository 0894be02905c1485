/**
 * The second half of `npm run mutation`: after Stryker has rewritten the chunk reports in mutation/incremental/,
 * writes the score table into the README and docs/bug-finding.md and lists what is left to do
 * (survivors not in mutation/equivalent-mutants.json, core files not measured).
 */
import { type EquivalentMutant, readIncrementalReports, readRepositoryJson, reportFreshness, unexplainedSurvivors } from './mutation/mutation-report.ts';
import { currentScoreTable, SCORE_TABLE_SAMPLES, writeSampleBlock } from './mutation/score-table.ts';

const report = readIncrementalReports();
const equivalents = readRepositoryJson('mutation/equivalent-mutants.json') as EquivalentMutant[];
console.log(currentScoreTable(report, false));
for (const { file, id, compact } of SCORE_TABLE_SAMPLES) {
  if (writeSampleBlock(file, id, currentScoreTable(report, compact))) console.log(`mutation: wrote the score table into ${file}`);
}
const { changed, notMeasured } = reportFreshness(report);
const { unexplained, unmatched } = unexplainedSurvivors(report, equivalents);
for (const file of changed) console.log(`changed since the run (re-run npm run mutation): ${file}`);
for (const file of notMeasured) console.log(`not measured: ${file}`);
for (const survivor of unexplained) console.log(`survivor neither killed nor listed as equivalent: ${survivor}`);
for (const entry of unmatched) console.log(`equivalent-mutants.json entry matching no survivor (remove it): ${entry}`);
console.log(`mutation: ${unexplained.length} unexplained survivors, ${changed.length} changed files, ${notMeasured.length} unmeasured core files`);
