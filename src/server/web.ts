import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Where the built web app lives (vite build output). */
export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/**
 * Serves the web app's static files, and index.html for client-side routes.
 * Without a build (tests, API-only installs) it serves a short notice instead.
 */
export async function serveWebApp(app: FastifyInstance): Promise<void> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    app.get('/', async (_request, reply) =>
      reply
        .type('text/html')
        .send(
          '<!doctype html><title>Plaza</title><p>Plaza API is running. The web app is not built: run <code>npm run build:web</code>. API docs: <a href="/api/docs">/api/docs</a></p>',
        ),
    );
    return;
  }
  await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: false, maxAge: '1h' });
}

/** True when the web app has been built and client-side routes should get index.html. */
export function webAppBuilt(): boolean {
  return fs.existsSync(path.join(WEB_DIST, 'index.html'));
}
