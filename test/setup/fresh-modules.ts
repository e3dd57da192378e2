/**
 * Worker processes are reused between test files (vitest.config.ts: `isolate: false`), so Node's own
 * module cache keeps what is already loaded from node_modules (Fastify, Playwright, PGlite and its
 * compiled WebAssembly, …) instead of loading it again for every file. Plaza's own modules (src/,
 * test/) must still start fresh in every file: many keep module-level state (the in-process sandbox
 * network, rate-limit windows, caches). This drops them from Vitest's module cache before the file's
 * imports run, as isolation did.
 */
import { vi } from 'vitest';

vi.resetModules();
