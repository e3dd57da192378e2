// One of several processes racing for the same data folder's lock (test/data-dir-owner.test.ts):
// loads, says "ready", waits for "go" on stdin, tries once, prints "won" or "refused", and holds
// what it won until stdin closes.
import { acquireDataDirLock, DataDirLockedError } from '../../src/db/data-dir-lock.ts';

const dataDir = process.argv[2];
process.stdout.write('ready\n');
process.stdin.once('data', () => {
  try {
    const lock = acquireDataDirLock(dataDir);
    process.stdout.write('won\n');
    process.stdin.once('end', () => {
      lock.release();
      process.exit(0);
    });
  } catch (error) {
    process.stdout.write(error instanceof DataDirLockedError ? 'refused\n' : `error ${(error as Error).message}\n`);
    process.exit(0);
  }
});
