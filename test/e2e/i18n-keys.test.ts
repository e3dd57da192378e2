import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en.ts';
import { es } from '../../web/src/i18n/es.ts';

const WEB_SRC = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../web/src');

function flatten(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(`${prefix}${key}`, value);
    else for (const [k, v] of flatten(value as object, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? sourceFiles(path.join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [path.join(dir, entry.name)] : [],
    );
}

describe('web app translations', () => {
  const enKeys = flatten(en);
  const esKeys = flatten(es);

  it('Spanish has exactly the English keys, none empty, with the same {{placeholders}}', () => {
    expect([...esKeys.keys()].sort()).toEqual([...enKeys.keys()].sort());
    for (const [key, text] of esKeys) {
      expect(text.trim(), key).not.toBe('');
      const placeholders = (s: string) => (s.match(/{{\w+}}/g) ?? []).sort();
      expect(placeholders(text), key).toEqual(placeholders(enKeys.get(key)!));
    }
  });

  it('every literal key the UI asks for exists in both languages', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(WEB_SRC)) {
      for (const match of fs.readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z_]+(?:\.[a-zA-Z_]+)+)'/g)) used.add(match[1]);
    }
    expect(used.size).toBeGreaterThan(100);
    // A key asked with a count resolves to its plural forms (i18next: `key_one`, `key_other`).
    const has = (keys: Map<string, string>, key: string) => keys.has(key) || (keys.has(`${key}_one`) && keys.has(`${key}_other`));
    const missing = [...used].filter((key) => !has(enKeys, key) || !has(esKeys, key));
    expect(missing).toEqual([]);
  });
});
