import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Caller, type TestApp } from './helpers/app.ts';
import { DB_KINDS } from './helpers/db.ts';
import { given } from './helpers/given.ts';

/**
 * Every keyset-paginated list walks through all of 1,000 rows written in one
 * transaction (so they share one microsecond timestamp): no row lost, none twice.
 */
describe.each(DB_KINDS)('exact pagination cursors (%s)', (kind) => {
  let t: TestApp;
  let owner: Caller;
  let workspaceId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    ({ owner, workspaceId } = await given(t).owner(`pages-${kind}@example.com`).workspace({ name: 'Pages' }));
    // One transaction: now() is one instant with microseconds, like a bulk import.
    await t.ctx.database.raw.query(
      `INSERT INTO posts (workspace_id, author_id, content, state)
       SELECT $1, $2, 'post ' || g, 'draft' FROM generate_series(1, 1000) g`,
      [workspaceId, owner.userId],
    );
    await t.ctx.database.raw.query(
      `INSERT INTO listening_mentions (workspace_id, source_key, remote_id, network, text, lang, published_at)
       SELECT $1, 'csv', 'm' || g, 'csv', 'mention ' || g, 'es', now() - (g % 3) * interval '1 microsecond' FROM generate_series(1, 1000) g`,
      [workspaceId],
    );
    await t.ctx.database.raw.query(`INSERT INTO events (workspace_id, type) SELECT $1, 'test.bulk' FROM generate_series(1, 1000)`, [
      workspaceId,
    ]);
  }, 120_000);
  afterAll(async () => t?.close());

  async function walk(path: string, limit: number): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const sep = path.includes('?') ? '&' : '?';
      const res = await owner.request('GET', `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      const body = res.json() as { items: Array<{ id: string | number }>; nextCursor: string | null };
      ids.push(...body.items.map((i) => String(i.id)));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    return ids;
  }

  it('pages through every post', async () => {
    const ids = await walk(`/api/v1/workspaces/${workspaceId}/posts`, 200);
    expect(ids.length).toBe(1000);
    expect(new Set(ids).size).toBe(1000);
  });

  it('pages through every mention, and the export has them all', async () => {
    const ids = await walk(`/api/v1/workspaces/${workspaceId}/listening/mentions`, 200);
    expect(ids.length).toBe(1000);
    expect(new Set(ids).size).toBe(1000);
    const csv = await owner.request('GET', `/api/v1/workspaces/${workspaceId}/listening/mentions/export`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body.trim().split('\n').length).toBe(1001);
  });

  it('pages through every audit event', async () => {
    const ids = await walk(`/api/v1/workspaces/${workspaceId}/events?type=test.bulk`, 200);
    expect(ids.length).toBe(1000);
    expect(new Set(ids).size).toBe(1000);
  });

  it('refuses a forged cursor with 400', async () => {
    for (const at of ['0000-01-01T00:00:00Z', '2026-01-01', 'x']) {
      const forged = Buffer.from(JSON.stringify({ at, id: '00000000-0000-4000-8000-000000000000' })).toString('base64url');
      const res = await owner.request('GET', `/api/v1/workspaces/${workspaceId}/posts?cursor=${forged}`);
      expect(res.statusCode).toBe(400);
    }
  });
});
