import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWebBuildFresh, webSourceHash } from '../bin/web-build.mjs';

/** A checkout with web sources and a built web/dist stamped with their hash. */
function builtCheckout(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-web-build-'));
  fs.mkdirSync(path.join(root, 'web/src/features'), { recursive: true });
  fs.mkdirSync(path.join(root, 'web/dist'), { recursive: true });
  fs.writeFileSync(path.join(root, 'web/index.html'), '<!doctype html>');
  fs.writeFileSync(path.join(root, 'web/vite.config.ts'), 'export default {};');
  fs.writeFileSync(path.join(root, 'web/src/features/page.tsx'), 'export const a = 1;');
  fs.writeFileSync(path.join(root, 'package-lock.json'), '{}');
  fs.writeFileSync(path.join(root, 'web/dist/index.html'), '<!doctype html>');
  fs.writeFileSync(path.join(root, 'web/dist/.source-hash'), webSourceHash(root));
  return root;
}

describe('web build freshness', () => {
  it('is fresh only when web/dist was built from the sources as they are', () => {
    const root = builtCheckout();
    expect(isWebBuildFresh(root)).toBe(true);
    // A changed source is stale even when its file time says it is older than the build
    // (a copied or restored web/dist looks newer than everything).
    const source = path.join(root, 'web/src/features/page.tsx');
    fs.writeFileSync(source, 'export const a = 2;');
    fs.utimesSync(source, new Date(2000, 0, 1), new Date(2000, 0, 1));
    expect(isWebBuildFresh(root)).toBe(false);
  });

  it('notices an added or removed source, and a build without a stamp', () => {
    const root = builtCheckout();
    fs.writeFileSync(path.join(root, 'web/src/new.ts'), '');
    expect(isWebBuildFresh(root)).toBe(false);
    fs.rmSync(path.join(root, 'web/src/new.ts'));
    expect(isWebBuildFresh(root)).toBe(true);
    fs.rmSync(path.join(root, 'web/dist/.source-hash'));
    expect(isWebBuildFresh(root)).toBe(false);
  });
});
