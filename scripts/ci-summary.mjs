// Prints the closing line CI reads, "N passed, N failed", from vitest's JSON report.
// A run that failed in any way (a failing test, a suite that did not load, a failing hook, an unhandled
// error, a non-zero exit) never prints "0 failed": a crashed run can never look green. Before it, one
// line per exhaustive space that ran (cases, law checks, CPU time); with EXHAUSTIVE_SPACE=full, a run
// in which part of the full space did not record counts as a failure.
import { readFileSync } from 'node:fs';
import { summarizeExhaustiveSpace } from './exhaustive-summary.mjs';

const [reportPath, typecheckFailed = '0', testExitCode = '0'] = process.argv.slice(2);
let passed = 0;
let failed = Number(typecheckFailed) > 0 ? 1 : 0;
try {
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  passed = report.numPassedTests;
  // Failed tests, plus suites that failed as a whole (load errors, hooks) whose tests were not counted as failed.
  const failedSuites = report.testResults.filter((suite) => suite.status === 'failed' && !suite.assertionResults.some((test) => test.status === 'failed')).length;
  failed += report.numFailedTests + failedSuites;
  if (report.numTotalTests === 0) failed += 1;
  if (report.success === false && failed === 0) failed = 1;
  const exhaustive = summarizeExhaustiveSpace(report, process.env.EXHAUSTIVE_SPACE?.trim() === 'full');
  for (const line of [...exhaustive.lines, ...exhaustive.failures]) console.log(line);
  failed += exhaustive.failures.length;
} catch (error) {
  console.error(`ci-summary: cannot read vitest report ${reportPath}: ${error.message}`);
  failed += 1;
}
if (Number(testExitCode) !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
