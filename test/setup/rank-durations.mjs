#!/usr/bin/env node
// Ranks test files by duration (docs/benchmarks/suite-speed-2026-12-06.md).
//
// From Vitest's JSON report (its span covers the tests only, not beforeAll/afterAll nor imports):
//   npx vitest run test/e2e --reporter=json --outputFile=/tmp/e2e.json
// or, better, from test/setup/file-times-reporter.ts (imports + hooks + tests):
//   PLAZA_FILE_TIMES=/tmp/e2e-times.json npx vitest run test/e2e --reporter=default --reporter=./test/setup/file-times-reporter.ts
//
//   node test/setup/rank-durations.mjs /tmp/e2e.json|/tmp/e2e-times.json [more…]
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const args = process.argv.slice(2);
const rows = [];
for (const file of args) {
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (Array.isArray(report)) {
    // test/setup/file-times-reporter.ts: the file's imports, hooks and tests.
    for (const row of report)
      rows.push({
        file: row.file,
        ms: row.collectMs + row.runMs,
        status: row.state === 'pass' ? 'passed' : String(row.state),
        tests: NaN,
        failed: 0,
      });
    continue;
  }
  for (const result of report.testResults) {
    const tests = result.assertionResults ?? [];
    rows.push({
      file: path.relative(root, result.name).split(path.sep).join('/'),
      ms: Math.round(result.endTime - result.startTime),
      status: result.status,
      tests: tests.length,
      failed: tests.filter((t) => t.status === 'failed').length,
    });
  }
}
rows.sort((a, b) => b.ms - a.ms);
let total = 0;
for (const row of rows) {
  total += row.ms;
  console.log(
    `${(row.ms / 1000).toFixed(1).padStart(7)} s  ${row.status.padEnd(6)} ${Number.isNaN(row.tests) ? '         ' : `${String(row.tests).padStart(3)} tests`}${row.failed ? ` (${row.failed} failed)` : ''}  ${row.file}`,
  );
}
console.log(`${(total / 1000).toFixed(1).padStart(7)} s  in ${rows.length} files (sum of file durations)`);
