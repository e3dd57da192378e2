/** Types of bin/web-build.mjs for the TypeScript that imports it. */
export function webSourceHash(root?: string): string;
export function isWebBuildFresh(root?: string): boolean;
export function buildWeb(root?: string, options?: { quiet?: boolean }): void;
