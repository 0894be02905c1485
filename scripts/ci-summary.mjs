// Prints the closing line CI reads, "N passed, N failed", from vitest's JSON report.
// A missing or unreadable report counts as a failure, so a crashed run can never look green.
import { readFileSync } from 'node:fs';

const [reportPath, typecheckFailed = '0'] = process.argv.slice(2);
let passed = 0;
let failed = Number(typecheckFailed) > 0 ? 1 : 0;
try {
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  passed = report.numPassedTests;
  failed += report.numFailedTests;
  // A suite that fails to load has no tests to count; count it as one failure.
  failed += report.testResults.filter((suite) => suite.status === 'failed' && suite.assertionResults.length === 0).length;
  if (report.numTotalTests === 0) failed += 1;
} catch (error) {
  console.error(`ci-summary: cannot read vitest report ${reportPath}: ${error.message}`);
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
