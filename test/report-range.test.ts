import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller, createTestApp, type Caller, type TestApp } from './helpers/app.ts';
import { DB_KINDS } from './helpers/db.ts';

/**
 * Dashboard and ROI ranges at the very ends of the storable years (found by the
 * property-based bad-input test): the brand-zone days they touch would run into
 * year 10000, so they are a 400, never a 500.
 */
describe.each(DB_KINDS)('report ranges at the ends of time (%s)', (kind) => {
  let t: TestApp;
  let owner: Caller;
  let workspaceId: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    owner = await createCaller(t, `range-${kind}@example.com`);
    workspaceId = (await owner.request('POST', '/api/v1/workspaces', { name: 'Rango', timeZone: 'Europe/Madrid', language: 'es' })).json()
      .id;
  });
  afterAll(async () => t?.close());

  it.each(['analytics/overview', 'analytics/report', 'roi'])(
    '%s: 400 with a code for ranges past 9998 or before 0002, or backwards',
    async (route) => {
      for (const query of [
        'to=9999-12-31T23%3A59%3A59.999Z',
        'from=9999-12-31T23%3A59%3A59.999Z',
        'from=0001-01-01T00%3A00%3A00Z&to=0001-01-02T00%3A00%3A00Z',
        'from=2026-03-02T00%3A00%3A00Z&to=2026-03-01T00%3A00%3A00Z',
      ]) {
        const res = await owner.request('GET', `/api/v1/workspaces/${workspaceId}/${route}?${query}`);
        expect(res.statusCode, `${route}?${query}: ${res.body}`).toBe(400);
        expect(['bad_range', 'date_out_of_range']).toContain(res.json().error.code);
      }
      expect(
        (await owner.request('GET', `/api/v1/workspaces/${workspaceId}/${route}?from=2026-02-01T00%3A00%3A00Z&to=2026-03-01T00%3A00%3A00Z`))
          .statusCode,
      ).toBe(200);
    },
  );
});
