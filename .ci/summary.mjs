// Reads vitest's JSON report and prints the one line CI reads: "N passed, N failed" (skips on the line before).
// Exits 1 when anything failed, when no test ran, or when there is no report (the run broke earlier).
import { existsSync, readFileSync } from 'node:fs';

const path = process.argv[2] ?? 'reports/vitest.json';
if (!existsSync(path)) {
  console.log('no test report: the test command failed before vitest ran (see above)');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const report = JSON.parse(readFileSync(path, 'utf8'));
let passed = report.numPassedTests ?? 0;
// Test files that failed to load count as failures too: they ran no test but broke the run.
const brokenFiles = (report.testResults ?? []).filter((file) => file.status === 'failed' && (file.assertionResults ?? []).length === 0).length;
// Checks run outside vitest (the soak script) report through SOAK_STATUS: 0 passed, else failed.
const extra = process.env.SOAK_STATUS === undefined ? { passed: 0, failed: 0 } : process.env.SOAK_STATUS === '0' ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
const failed = (report.numFailedTests ?? 0) + brokenFiles + extra.failed;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
passed += extra.passed;
if (skipped > 0) console.log(`${skipped} skipped`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
