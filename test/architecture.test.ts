import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering rule (ARCHITECTURE.md, issue 11), checked on the source text:
 * - a routes file (`src/modules/**\/routes.ts`, `*-routes.ts`, `routes/**`) parses, declares access, calls a
 *   command or a query and shapes the answer: it never touches the database;
 * - only repository files (`repository.ts`, `repository/**`), `src/db/**` and `src/jobs/queue.ts` build SQL
 *   (commands own transactions, so `.transaction(` is allowed outside routes);
 * - a module never imports another module's routes (what they share lives in the kernel: server/, lib/, db/).
 * Tests and test doubles (`*.test.ts`, `testing/`) may arrange data with SQL and are left out of the second rule.
 */

const root = path.resolve(import.meta.dirname, '..');
const src = path.join(root, 'src');

/** Every .ts file under `dir`, as a path relative to the repository root with forward slashes. */
function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => path.relative(root, path.join(dir, file)).split(path.sep).join('/'))
    .sort();
}

/** The code without comments, so a doc comment that names `selectFrom` is not a violation. Line numbers are kept. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const DATABASE_ACCESS: Array<[string, RegExp]> = [
  ['query builder', /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\s*\(/],
  ['sql`…`', /\bsql\s*(<[^>\n]*>)?\s*`/],
  ['sql helper', /\bsql\.(raw|ref|lit|id|join|table|val)\s*\(/],
  ['raw SQL', /\.raw\.(query|exec)\s*\(|\bCompiledQuery\.raw\s*\(|\bexecuteQuery\s*\(/],
  ['executeSql', /\bexecuteSql\b/],
];
const TRANSACTION: [string, RegExp] = ['.transaction(', /\.transaction\s*\(/];

/** `file:line: what` for every line of `file` matching one of `rules`. */
function findUses(file: string, rules: Array<[string, RegExp]>): string[] {
  const lines = withoutComments(fs.readFileSync(path.join(root, file), 'utf8')).split('\n');
  const found: string[] = [];
  lines.forEach((line, index) => {
    for (const [what, pattern] of rules) if (pattern.test(line)) found.push(`${file}:${index + 1}: ${what}`);
  });
  return found;
}

const isRoutesFile = (file: string) => /^src\/modules\/.+\/(routes\.ts|[^/]*-routes\.ts|routes\/.+)$/.test(file);
const isTestCode = (file: string) => /\.test\.tsx?$/.test(file) || /(^|\/)testing\//.test(file) || /(^|\/)test-helpers?\.ts$/.test(file);
const maySql = (file: string) =>
  /(^|\/)([a-z-]+-)?repository\.ts$/.test(file) ||
  /(^|\/)repository\//.test(file) ||
  file.startsWith('src/db/') ||
  file === 'src/jobs/queue.ts';

/** The module a file under src/modules belongs to, or null. */
const moduleOf = (file: string) => /^src\/modules\/([^/]+)\//.exec(file)?.[1] ?? null;

/** Relative imports of a file (static, dynamic and re-exports), resolved to repository paths. */
function importsOf(file: string): string[] {
  const text = withoutComments(fs.readFileSync(path.join(root, file), 'utf8'));
  const specifiers = [...text.matchAll(/\b(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((match) => match[1]);
  return specifiers.map((specifier) => path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)));
}

describe('architecture: the layering rule', () => {
  const files = sourceFiles(src);

  it('finds the modules and their routes files', () => {
    expect(files.filter(isRoutesFile).length).toBeGreaterThan(10);
  });

  it('routes files never touch the database', () => {
    const violations = files.filter(isRoutesFile).flatMap((file) => findUses(file, [...DATABASE_ACCESS, TRANSACTION]));
    expect(violations, `move queries to the repository and writes to commands:\n${violations.join('\n')}\n`).toEqual([]);
  });

  it('only repositories, src/db and src/jobs/queue.ts build SQL', () => {
    const violations = files.filter((file) => !maySql(file) && !isTestCode(file)).flatMap((file) => findUses(file, DATABASE_ACCESS));
    expect(violations, `move the SQL into a named query of the module repository:\n${violations.join('\n')}\n`).toEqual([]);
  });

  it("a module never imports another module's routes", () => {
    const violations = files.flatMap((file) => {
      const own = moduleOf(file);
      if (!own) return [];
      return importsOf(file)
        .filter((target) => isRoutesFile(target.replace(/\.js$/, '.ts')) && moduleOf(target) !== own)
        .map((target) => `${file} → ${target}`);
    });
    expect(violations, `share through the kernel (server/, lib/, db/), a command or a repository:\n${violations.join('\n')}\n`).toEqual([]);
  });
});

describe('architecture: the checker itself', () => {
  it('sees database access and ignores comments', () => {
    const probe = (text: string) =>
      DATABASE_ACCESS.some(([, pattern]) =>
        withoutComments(text)
          .split('\n')
          .some((line) => pattern.test(line)),
      );
    expect(probe('await db.selectFrom("posts")')).toBe(true);
    expect(probe('const n = sql<number>`count(*)`')).toBe(true);
    expect(probe("await ctx.database.raw.query('SELECT 1')")).toBe(true);
    expect(probe('// db.selectFrom("posts")')).toBe(false);
    expect(probe('/** uses deleteFrom( */ const x = 1')).toBe(false);
    expect(probe("const url = 'http://example.com/x'; // selectFrom(")).toBe(false);
    expect(TRANSACTION[1].test('ctx.database.db.transaction().execute(')).toBe(true);
  });

  it('recognises routes files and the places that may build SQL', () => {
    expect(isRoutesFile('src/modules/posts/routes.ts')).toBe(true);
    expect(isRoutesFile('src/modules/listening/alert-routes.ts')).toBe(true);
    expect(isRoutesFile('src/modules/listening/routes/queries.ts')).toBe(true);
    expect(isRoutesFile('src/modules/posts/commands.ts')).toBe(false);
    expect(maySql('src/modules/posts/repository.ts')).toBe(true);
    expect(maySql('src/modules/listening/repository/mentions.ts')).toBe(true);
    expect(maySql('src/db/database.ts')).toBe(true);
    expect(maySql('src/jobs/queue.ts')).toBe(true);
    expect(maySql('src/modules/posts/commands.ts')).toBe(false);
  });
});
