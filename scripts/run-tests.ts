/**
 * `npm test`: every tier, one after another (unit, infra, integration, e2e), then one closing
 * line `N passed, N failed` summed from vitest's JSON reports. A tier that crashes before it
 * reports counts as one failure, so a broken run can never look green.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const tiers = (process.env.TEST_TIERS ?? 'unit,infra,integration,e2e')
  .split(',')
  .map((t) => t.trim())
  .filter(Boolean);
const resultsDir = join(process.cwd(), 'test-results');
mkdirSync(resultsDir, { recursive: true });

interface Assertion {
  fullName: string;
  status: string;
  failureMessages?: string[];
}

interface Report {
  testResults: { name: string; status: string; message?: string; assertionResults: Assertion[] }[];
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

let passed = 0;
let failed = 0;
const lines: string[] = [];
// The failed tests by name, printed just above the totals: a log's tail is often all one sees.
const failures: string[] = [];
const firstLine = (text = '') =>
  text
    .split('\n')
    .find((l) => l.trim())
    ?.trim()
    .slice(0, 300) ?? '';
for (const tier of tiers) {
  const output = join(resultsDir, `${tier}.json`);
  rmSync(output, { force: true });
  const started = Date.now();
  const run = spawnSync(
    join('node_modules', '.bin', 'vitest'),
    [
      'run',
      '--project',
      tier,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${output}`,
    ],
    { stdio: 'inherit', env: process.env },
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (!existsSync(output)) {
    failed += 1;
    lines.push(
      `${tier}: no report (exit ${run.status ?? run.signal}), counted as 1 failure, ${seconds} s`,
    );
    continue;
  }
  const report = JSON.parse(readFileSync(output, 'utf8')) as Report;
  // Skipped or todo tests are defects here: count them as failures.
  const notRun = report.numPendingTests + report.numTodoTests;
  // A file that failed to load has no tests to fail: each such file counts as one failure.
  const unloaded = report.testResults.filter(
    (file) => file.status === 'failed' && file.assertionResults.length === 0,
  ).length;
  const crashed = run.status !== 0 && report.numFailedTests + unloaded === 0 ? 1 : 0;
  for (const file of report.testResults) {
    const name = file.name.replace(`${process.cwd()}/`, '');
    if (file.status === 'failed' && file.assertionResults.length === 0)
      failures.push(`${tier} ${name}: did not load: ${firstLine(file.message)}`);
    for (const test of file.assertionResults.filter((a) => a.status === 'failed'))
      failures.push(`${tier} ${name} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
  }
  passed += report.numPassedTests;
  failed += report.numFailedTests + unloaded + notRun + crashed;
  lines.push(
    `${tier}: ${report.numPassedTests} passed, ${report.numFailedTests + unloaded} failed${unloaded ? ` (${unloaded} files did not load)` : ''}${notRun ? `, ${notRun} skipped (counted as failed)` : ''}${crashed ? ', tier exited non-zero (counted as 1 failure)' : ''}, ${seconds} s`,
  );
}
if (failures.length > 0) console.log(`\nFailed:\n${failures.map((f) => `  ${f}`).join('\n')}`);
console.log(`\n${lines.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
