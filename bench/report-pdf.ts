// Time to make one client report PDF (the fixture's month of a café, es and en): the first
// report of a process (pdfkit and the fonts load) and the mean of the next ten.
//   node bin/run-ts.mjs bench/report-pdf.ts [path/to/other/reports.ts …]
// Each extra path (e.g. the same file in a checkout of an older commit) is measured in turn, in
// its own process, alternating with this checkout's, three rounds, so both see the same load.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const here = path.resolve(import.meta.dirname, '../src/modules/analytics/reports.ts');
const [target] = process.argv.slice(2);

if (target === '--one') {
  const reportsPath = process.argv[3];
  const { reportPdf } = await import(reportsPath);
  const { reportFixture } = await import('../src/modules/analytics/testing/report-fixture.ts');
  const result: Record<string, number> = {};
  for (const language of ['es', 'en'] as const) {
    const data = reportFixture(language);
    let started = performance.now();
    await reportPdf(data);
    result[`${language}_first_ms`] = Math.round(performance.now() - started);
    started = performance.now();
    for (let i = 0; i < 10; i++) await reportPdf(data);
    result[`${language}_each_ms`] = Math.round((performance.now() - started) / 10);
  }
  console.log(JSON.stringify(result));
} else {
  const paths = [here, ...process.argv.slice(2).map((p) => path.resolve(p))];
  for (let round = 1; round <= 3; round++)
    for (const reportsPath of paths) {
      const output = execFileSync(
        process.execPath,
        [path.resolve(import.meta.dirname, '../bin/run-ts.mjs'), import.meta.filename, '--one', reportsPath],
        {
          encoding: 'utf8',
        },
      );
      console.log(`round ${round} ${reportsPath === here ? 'this checkout' : reportsPath}: ${output.trim()}`);
    }
}
