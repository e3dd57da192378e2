/**
 * Import rules for Plaza (issue 11): `npm run check:deps` fails the suite when one is broken.
 * - no import cycles (a cycle ties modules together so none can change or load alone);
 * - a module never imports another module's routes (share through the kernel, a command or a repository);
 * - product code never imports test code (test/, *.test.ts, testing/ folders).
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles: break them by moving the shared piece down (kernel in server/ or lib/, a repository, a command).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-other-module-routes',
      severity: 'error',
      comment: "A module never imports another module's routes file; what they share belongs in the kernel or a command/query.",
      from: { path: '^src/modules/([^/]+)/' },
      to: {
        path: '^src/modules/[^/]+/(routes[.]ts$|routes/|[^/]*-routes[.]ts$|[^/]+/routes[.]ts$|[^/]+/[^/]*-routes[.]ts$)',
        pathNot: '^src/modules/$1/',
      },
    },
    {
      name: 'no-test-code-in-product',
      severity: 'error',
      comment: 'Product code (src/, web/src/) never imports tests, test helpers or testing/ folders (test doubles).',
      from: { path: '^(src|web/src)/', pathNot: ['\\.test\\.tsx?$', '(^|/)testing/', '^src/.*/test-helpers?\\.ts$'] },
      to: { path: ['^test/', '\\.test\\.tsx?$', '(^|/)testing/'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^node_modules', '(^|/)dist/', '^web/dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
