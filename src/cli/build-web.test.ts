import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withBuildLock } from './build-web.ts';

describe('web build lock', () => {
  it('lets one of several concurrent starts build; the others wait and find it fresh', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-build-lock-'));
    const lock = path.join(dir, '.build.lock');
    let built = false;
    let builds = 0;
    let overlapping = 0;
    let running = 0;
    const build = async () => {
      running++;
      overlapping = Math.max(overlapping, running);
      builds++;
      await new Promise((resolve) => setTimeout(resolve, 500)); // others must wait, not start their own
      built = true;
      running--;
    };
    const results = await Promise.all([
      withBuildLock(lock, () => built, build),
      withBuildLock(lock, () => built, build),
      withBuildLock(lock, () => built, build),
    ]);
    expect(builds).toBe(1);
    expect(overlapping).toBe(1);
    expect(results.sort()).toEqual(['built', 'fresh', 'fresh']);
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('takes over a lock left by a crashed build, and releases the lock when a build fails', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-build-lock-'));
    const lock = path.join(dir, '.build.lock');
    fs.writeFileSync(lock, '12345');
    const old = new Date(Date.now() - 10 * 60_000);
    fs.utimesSync(lock, old, old);
    let built = false;
    expect(
      await withBuildLock(
        lock,
        () => built,
        () => void (built = true),
      ),
    ).toBe('built');
    await expect(
      withBuildLock(
        lock,
        () => false,
        () => {
          throw new Error('vite failed');
        },
      ),
    ).rejects.toThrow('vite failed');
    expect(fs.existsSync(lock)).toBe(false);
  });
});
