/**
 * A Vitest reporter for measuring the suite: per test file, what the JSON reporter leaves out (its
 * start/end span only the tests, not `beforeAll`/`afterAll` nor the module imports). Writes a JSON
 * list to PLAZA_FILE_TIMES (default /tmp/plaza-file-times.json):
 * { file, collectMs, setupMs, prepareMs, runMs (hooks and tests), startedAt }.
 *
 *   npx vitest run test/e2e --reporter=default --reporter=./test/setup/file-times-reporter.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Reporter, RunnerTestFile } from 'vitest/node';

export default class FileTimesReporter implements Reporter {
  onFinished(files: RunnerTestFile[] = []): void {
    const rows = files.map((file) => ({
      file: path.relative(process.cwd(), file.filepath).split(path.sep).join('/'),
      collectMs: Math.round(file.collectDuration ?? 0),
      setupMs: Math.round(file.setupDuration ?? 0),
      prepareMs: Math.round(file.prepareDuration ?? 0),
      runMs: Math.round(file.result?.duration ?? 0),
      startedAt: file.result?.startTime ?? null,
      state: file.result?.state ?? null,
    }));
    fs.writeFileSync(process.env.PLAZA_FILE_TIMES ?? '/tmp/plaza-file-times.json', `${JSON.stringify(rows, null, 2)}\n`);
  }
}
