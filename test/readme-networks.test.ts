import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { README_FILE, networksTable, readmeWithTable } from '../tools/networks-table.ts';
import { NETWORKS } from '../src/networks/index.ts';

describe("README's table of networks", () => {
  it('is the one the adapters declare (npm run gen:networks rewrites it)', () => {
    const readme = fs.readFileSync(README_FILE, 'utf8');
    expect(readmeWithTable(readme)).toBe(readme);
  });

  it('has one row per network, each linking its guide', () => {
    const table = networksTable();
    for (const { adapter } of NETWORKS) {
      expect(table).toContain(`](docs/networks/${adapter.name}.md)`);
      expect(fs.existsSync(new URL(`../docs/networks/${adapter.name}.md`, import.meta.url))).toBe(true);
    }
  });
});
