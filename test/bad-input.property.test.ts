import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { declaredRoutes } from '../src/server/app.ts';
import { createCaller, createTestApp, type Caller, type TestApp } from './helpers/app.ts';
import { DB_KINDS } from './helpers/db.ts';

/** Strings no database text column can hold, dates Postgres refuses, and ids far too long. */
const HOSTILE_STRINGS = ['a\u0000b', '\u0000', '\uD800', 'x\uDFFFy', '\uDBFF\u0041'];
const HOSTILE_DATES = [
  '0000-01-01T00:00:00Z',
  '0000-06-15T12:00:00+02:00',
  '-000001-01-01T00:00:00Z',
  '+275760-09-13T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '0000-01-01',
];
const HOSTILE_IDS = [
  '9'.repeat(10_000),
  '1'.repeat(25),
  `00000000-0000-4000-8000-000000000000${'0'.repeat(300)}`,
  `${'a'.repeat(9)}-0000-4000-8000-000000000000`,
  '-1',
  '1e400',
];

/** Percent-encodes a path segment; lone surrogates go out as the (invalid UTF-8) bytes a hostile client would send. */
function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...value]
      .map((ch) => {
        const c = ch.charCodeAt(0);
        if (ch.length === 1 && c >= 0xd800 && c <= 0xdfff)
          return `%ED%${(0xa0 | ((c >> 6) & 0x1f)).toString(16).toUpperCase()}%${(0x80 | (c & 0x3f)).toString(16).toUpperCase()}`;
        return encodeURIComponent(ch);
      })
      .join('');
  }
}

/**
 * Property: whatever body, query or path a client sends to any endpoint, Plaza
 * answers with a 2xx–4xx, never a 5xx; and a failed write leaves nothing behind.
 * "Never 5xx" also checks every answer against its route's response schema: the zod serializer
 * refuses an answer that does not match the schema with a 500, so a mismatch fails here.
 * Every route is covered: those of the OpenAPI document and the hidden ones the server declares.
 */
describe.each(DB_KINDS)('malformed input on every endpoint (%s)', (kind) => {
  let t: TestApp;
  let owner: Caller;
  let workspaceId: string;
  let channelId: string;
  let routes: Array<{ method: string; path: string; query: string[]; body: string[] }>;

  beforeAll(async () => {
    t = await createTestApp(kind);
    owner = await createCaller(t, 'fuzz@example.com');
    workspaceId = (await owner.request('POST', '/api/v1/workspaces', { name: 'Fuzz', timeZone: 'Europe/Madrid', language: 'es' })).json()
      .id;
    channelId = (
      await owner.request('POST', `/api/v1/workspaces/${workspaceId}/channels`, {
        network: 'sandbox',
        name: 'S',
        fields: { handle: 'fuzz', token: 't' },
      })
    ).json().id;
    type Operation = {
      parameters?: Array<{ in: string; name: string }>;
      requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
    };
    const spec = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, Operation>>;
    };
    routes = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        body: Object.keys(op.requestBody?.content?.['application/json']?.schema?.properties ?? {}),
      })),
    );
    // Routes hidden from the document (schema.hide) get the same treatment, with no known fields.
    const documented = new Set(routes.map((route) => `${route.method} ${route.path}`));
    for (const declared of declaredRoutes(t.app)) {
      const path = declared.url.replace(/:([A-Za-z]+)/g, '{$1}');
      if (declared.method !== 'HEAD' && !documented.has(`${declared.method} ${path}`))
        routes.push({ method: declared.method, path, query: [], body: [] });
    }
  });
  afterAll(async () => t?.close());

  const idValue = fc.oneof(
    fc.constant('00000000-0000-4000-8000-000000000000'),
    fc.uuid(),
    fc.string({ maxLength: 40 }),
    fc.constantFrom('..%2F..%2Fetc', '%00', "' OR 1=1 --", 'approve', '-1', '9'.repeat(30)),
    fc.constantFrom(...HOSTILE_IDS, ...HOSTILE_STRINGS, ...HOSTILE_DATES),
  );
  /** A value for a field the route knows: hostile strings, dates and ids most of the time. */
  const fieldValue = fc.oneof(
    fc.constantFrom(...HOSTILE_STRINGS, ...HOSTILE_DATES, ...HOSTILE_IDS),
    fc.constantFrom(...HOSTILE_STRINGS).map((bad) => `texto ${bad} más`),
    fc.array(fc.constantFrom(...HOSTILE_STRINGS, ...HOSTILE_IDS), { maxLength: 2 }),
    fc
      .record(
        { channelId: fc.constantFrom(...HOSTILE_IDS, channelIdPlaceholder()), text: fc.constantFrom(...HOSTILE_STRINGS) },
        { requiredKeys: [] },
      )
      .map((r) => [r]),
    fc.constantFrom(1e308, -1, 2 ** 63, 0.5),
    fc.string(),
  );
  function channelIdPlaceholder() {
    return '__channel__';
  }

  const body = (fields: string[]) =>
    fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record(
        {
          content: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
          channels: fc.oneof(fc.array(fc.record({ channelId: fc.oneof(fc.uuid(), fc.string()) }), { maxLength: 3 }), fc.string()),
          scheduledAt: fc.oneof(
            fc.string(),
            fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
            fc.integer(),
            fc.constantFrom(...HOSTILE_DATES),
          ),
          action: fc.string(),
        },
        { requiredKeys: [] },
      ),
      fc.record(
        {
          name: fc.string(),
          timeZone: fc.oneof(fc.string(), fc.constant('Europe/Madrid')),
          language: fc.string(),
          email: fc.string(),
          role: fc.string(),
          network: fc.constantFrom('sandbox', 'bluesky', 'mastodon', 'nope'),
          fields: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 1 })),
        },
        { requiredKeys: [] },
      ),
      ...(fields.length ? [fc.dictionary(fc.constantFrom(...fields), fieldValue, { maxKeys: 4 })] : []),
    );
  const query = (names: string[]) =>
    fc.oneof(
      fc.string({ maxLength: 30 }).map((q) => q.replace(/[#]/g, '')),
      ...(names.length
        ? [
            fc
              .dictionary(
                fc.constantFrom(...names),
                fc.oneof(
                  fieldValue.filter((v) => typeof v === 'string'),
                  fc.constantFrom(...HOSTILE_DATES, ...HOSTILE_IDS),
                ) as fc.Arbitrary<string>,
                { minKeys: 1, maxKeys: 3 },
              )
              .map((q) => new URLSearchParams(q).toString()),
          ]
        : []),
    );

  it('never answers 5xx', async () => {
    const before = await t.ctx.database.raw.query<{ n: number }>('SELECT (SELECT count(*) FROM posts)::int AS n');
    for (const route of routes) {
      // The live activity stream never ends by design; its input is only the path, covered by its own tests.
      if (!route.path.startsWith('/api/v1/') || route.path.endsWith('/activity/stream')) continue;
      await fc.assert(
        fc.asyncProperty(idValue, idValue, body(route.body), query(route.query), async (id1, id2, payload, q) => {
          const url = route.path
            .replace('{workspaceId}', workspaceId)
            .replace('{channelId}', Math.random() < 0.3 ? channelId : encodeSegment(id1))
            .replace(/\{[a-zA-Z]+\}/g, () => encodeSegment(Math.random() < 0.5 ? id1 : id2));
          const json = JSON.stringify(payload).replaceAll('__channel__', channelId);
          const response = await t.app.inject({
            method: route.method as 'GET',
            url: `${url}?${q}`,
            headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/json' },
            payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : json,
          });
          if (response.statusCode >= 500)
            throw new Error(`${route.method} ${url}?${q} ${json.slice(0, 300)} → ${response.statusCode}: ${response.body}`);
          if (response.statusCode >= 400) expect(response.json().error).toHaveProperty('code');
        }),
        { numRuns: 20 },
      );
    }
    // Raw, unparseable bodies and wrong content types too.
    for (const raw of [
      '{',
      'null',
      '[]',
      '"x"',
      '\u0000',
      '{"content":'.padEnd(5000, 'a'),
      '{"content":"a\\u0000b"}',
      '{"content":"\\ud800"}',
    ]) {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/workspaces/${workspaceId}/posts`,
        headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/json' },
        payload: raw,
      });
      expect(response.statusCode, raw).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, raw).toBeLessThan(500);
    }
    const xml = await t.app.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${workspaceId}/posts`,
      headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(xml.statusCode).toBe(415);
    // Multipart bodies cut before their final boundary, on every write route (uploads and all the others).
    const writes = routes.filter((r) => r.path.startsWith('/api/v1/') && ['POST', 'PUT', 'PATCH'].includes(r.method));
    expect(writes.some((r) => r.path.endsWith('/media'))).toBe(true);
    for (const route of writes) {
      const url = route.path.replace('{workspaceId}', workspaceId).replace(/\{[a-zA-Z]+\}/g, '00000000-0000-4000-8000-000000000000');
      for (const cut of [
        '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n',
        '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\ncontent\r\nhola\r\n--XY',
        '--XYZ\r\nContent-Disposition: form-da',
        '',
      ]) {
        const response = await t.app.inject({
          method: route.method as 'POST',
          url,
          headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'multipart/form-data; boundary=XYZ' },
          payload: cut,
        });
        const what = `${route.method} ${route.path} ${JSON.stringify(cut)}: ${response.body.slice(0, 200)}`;
        expect(response.statusCode, what).toBeLessThan(500);
        if (route.path.endsWith('/media')) expect(response.statusCode, what).toBe(400);
        if (response.statusCode >= 400) expect(response.json().error, what).toHaveProperty('code');
      }
    }
    const after = await t.ctx.database.raw.query<{ n: number }>('SELECT (SELECT count(*) FROM posts)::int AS n');
    // Random bodies can legitimately create posts only when they are fully valid: every stored post has its publications.
    const orphans = await t.ctx.database.raw.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM posts p WHERE NOT EXISTS (SELECT 1 FROM publications x WHERE x.post_id = p.id)',
    );
    expect(orphans.rows[0].n).toBe(0);
    expect(after.rows[0].n).toBeGreaterThanOrEqual(before.rows[0].n);
  }, 600_000);
});
