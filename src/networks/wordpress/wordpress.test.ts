/**
 * WordPress specifics against a REAL WordPress (testing/wordpress.ts): connect-time checks (REST API
 * off, application passwords off, a wrong password, not a WordPress site), a full post (title,
 * excerpt, featured image, a second image, categories and tags created when missing, draft
 * status), the slug lookup, comments as metrics, mentions and inbox items, and delete.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkError, type ChannelContext, type PublishInput } from '../types.ts';
import { createWordPressAdapter } from './adapter.ts';
import { postBodyHtml, slugFor } from './content.ts';
import { startWordPress, type LocalWordPress } from './testing/wordpress.ts';

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64');

// biome-ignore lint/suspicious/noExplicitAny: WordPress's answers are read field by field in the assertions
type WpRecord = Record<string, any>;

let wp: LocalWordPress;
const adapter = createWordPressAdapter({ requestTimeoutMs: 10_000 });

beforeAll(async () => {
  wp = await startWordPress();
}, 120_000);
afterAll(async () => wp?.stop());

const channel = (overrides: Partial<{ siteUrl: string; username: string; applicationPassword: string }> = {}): ChannelContext => ({
  channelId: 'wp-test',
  settings: { siteUrl: overrides.siteUrl ?? wp.base, username: overrides.username ?? wp.user },
  credentials: { applicationPassword: overrides.applicationPassword ?? wp.appPassword },
  allowPrivateUrls: true,
});
const input = (text: string, extra: Partial<PublishInput> = {}): PublishInput => ({
  publicationId: `pub-${randomUUID()}`,
  text,
  media: [],
  ...extra,
});
const png = (alt?: string) => ({
  mediaId: randomUUID(),
  mimeType: 'image/png',
  bytes: new Uint8Array(PNG),
  size: PNG.length,
  ...(alt ? { alt } : {}),
});

describe('connecting: clear, coded reasons', () => {
  it('answers the account for a good application password', async () => {
    const health = await adapter.checkHealth(channel());
    expect(health).toMatchObject({
      ok: true,
      account: { id: '1', handle: `admin@${new URL(wp.base).host}`, displayName: 'Plaza Test Blog' },
    });
  });

  it('a wrong application password is an auth failure', async () => {
    const health = await adapter.checkHealth(channel({ applicationPassword: 'abcd efgh ijkl mnop qrst uvwx' }));
    expect(health).toMatchObject({ ok: false, error: { code: 'wordpress_login_refused', kind: 'auth' } });
  });

  it('a site whose REST API is turned off says so', async () => {
    await wp.setSwitch('rest-off', true);
    try {
      const health = await adapter.checkHealth(channel());
      expect(health).toMatchObject({ ok: false, error: { code: 'wordpress_rest_disabled', kind: 'permanent' } });
    } finally {
      await wp.setSwitch('rest-off', false);
    }
  });

  it('a site with application passwords turned off says so', async () => {
    await wp.setSwitch('app-passwords-off', true);
    try {
      const health = await adapter.checkHealth(channel());
      expect(health).toMatchObject({ ok: false, error: { code: 'wordpress_app_passwords_off', kind: 'permanent' } });
      // Publishing with it off is refused by WordPress itself as not logged in: an auth failure, nothing posted.
      const error = await adapter.publish(channel(), input(`off ${randomUUID()}`)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NetworkError);
      expect((error as NetworkError).kind).toBe('auth');
    } finally {
      await wp.setSwitch('app-passwords-off', false);
    }
  });

  it('an address that is not a WordPress site says the REST API is not there', async () => {
    const other = http.createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html><body>Not found</body></html>');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const health = await adapter.checkHealth(channel({ siteUrl: `http://127.0.0.1:${(other.address() as AddressInfo).port}` }));
      expect(health).toMatchObject({ ok: false, error: { code: 'wordpress_rest_disabled' } });
    } finally {
      other.close();
    }
  });

  it('refuses a loopback site unless private addresses are allowed', async () => {
    const health = await adapter.checkHealth({ ...channel(), allowPrivateUrls: false });
    expect(health).toMatchObject({ ok: false, error: { code: 'private_address' } });
  });

  it('a bad site address is a settings error', async () => {
    const health = await adapter.checkHealth(channel({ siteUrl: 'not a url' }));
    expect(health).toMatchObject({ ok: false, error: { code: 'invalid_settings' } });
  });
});

describe('publishing a blog post', () => {
  it('sends title, body, excerpt, featured image, a second image, categories and tags (created when missing)', async () => {
    const existing = await wp.api<{ id: number }>('POST', '/wp/v2/categories', { json: { name: 'Noticias' } });
    expect(existing.status).toBe(201);
    const publication = input('Primer párrafo con https://example.com/enlace.\n\nSegundo <b>párrafo</b> & más.', {
      title: 'Llega la primavera a la tienda',
      media: [png('Portada'), png('Detalle')],
      options: { network: { excerpt: 'Un resumen corto.', categories: 'noticias, Tienda', tags: 'primavera, ofertas' } },
    });
    const result = await adapter.publish(channel(), publication);
    expect(result.remoteId).toMatch(/^\d+$/);
    expect(result.remoteUrl).toContain(wp.base);

    const { body: post } = await wp.api<WpRecord>('GET', `/wp/v2/posts/${result.remoteId}`, { query: 'context=edit' });
    expect(post.title.raw).toBe('Llega la primavera a la tienda');
    expect(post.status).toBe('publish');
    expect(post.slug).toBe(slugFor(publication.publicationId, 'Llega la primavera a la tienda'));
    expect(post.slug).toMatch(/^llega-la-primavera-a-la-tienda-pz[0-9a-f]{10}$/);
    expect(post.excerpt.raw).toBe('Un resumen corto.');
    expect(post.content.raw).toContain('<a href="https://example.com/enlace">https://example.com/enlace</a>');
    expect(post.content.raw).toContain('Segundo &lt;b&gt;párrafo&lt;/b&gt; &amp; más.');
    // Featured image: uploaded to the media library with its alt text, and served.
    const { body: featured } = await wp.api<WpRecord>('GET', `/wp/v2/media/${post.featured_media}`);
    expect(featured.alt_text).toBe('Portada');
    expect(featured.mime_type).toBe('image/png');
    const served = await fetch(featured.source_url);
    expect(served.status).toBe(200);
    // The second image is in the body.
    expect(post.content.raw).toMatch(/<img src="[^"]+\/wp-content\/uploads\/[^"]+" alt="Detalle" \/>/);
    // The existing category was reused (its name differs in case); the new one and both tags were created.
    expect(post.categories).toContain(existing.body.id);
    const { body: categories } = await wp.api<Array<{ id: number; name: string }>>('GET', '/wp/v2/categories', { query: 'per_page=100' });
    expect(categories.filter((c) => c.name.toLowerCase() === 'noticias')).toHaveLength(1);
    expect(categories.find((c) => c.name === 'Tienda')?.id).toBeDefined();
    expect(post.categories).toHaveLength(2);
    const { body: tags } = await wp.api<Array<{ id: number; name: string }>>('GET', '/wp/v2/tags', { query: 'per_page=100' });
    expect(post.tags.sort()).toEqual(
      tags
        .filter((t) => ['primavera', 'ofertas'].includes(t.name))
        .map((t) => t.id)
        .sort(),
    );

    // Publishing the same publication again finds it by its slug.
    expect(await adapter.publish(channel(), publication)).toEqual(result);
    expect(await adapter.findPublished(channel(), publication)).toEqual(result);

    // The composer's pickers: the site's own categories and tags, the used ones first, names decoded.
    await wp.api('POST', '/wp/v2/categories', { json: { name: 'Recetas & trucos' } });
    const categoryChoices = await adapter.optionChoices!(channel(), 'categories');
    expect(categoryChoices.map((c) => c.value)).toEqual(expect.arrayContaining(['Noticias', 'Tienda', 'Recetas & trucos']));
    expect(categoryChoices.find((c) => c.value === 'Recetas & trucos')?.count).toBe(0);
    expect(categoryChoices.findIndex((c) => c.value === 'Tienda')).toBeLessThan(
      categoryChoices.findIndex((c) => c.value === 'Recetas & trucos'),
    );
    expect((await adapter.optionChoices!(channel(), 'tags')).map((c) => c.value).sort()).toEqual(
      expect.arrayContaining(['ofertas', 'primavera']),
    );
    expect(await adapter.optionChoices!(channel(), 'excerpt')).toEqual([]);
    // Categories are public on WordPress (a wrong password still reads them); a site that is not there is a NetworkError.
    await expect(adapter.optionChoices!(channel({ siteUrl: 'http://127.0.0.1:9' }), 'categories')).rejects.toBeInstanceOf(NetworkError);
  });

  it('without a title, the first line is the title and the rest the body; a draft stays a draft', async () => {
    const publication = input('Título de la línea\nCuerpo del borrador', { options: { network: { status: 'draft' } } });
    const result = await adapter.publish(channel(), publication);
    const { body: post } = await wp.api<WpRecord>('GET', `/wp/v2/posts/${result.remoteId}`, { query: 'context=edit' });
    expect(post).toMatchObject({ status: 'draft', title: { raw: 'Título de la línea' }, content: { raw: '<p>Cuerpo del borrador</p>' } });
    // A draft is found too (its slug is kept as sent).
    expect(await adapter.findPublished(channel(), publication)).toMatchObject({ remoteId: result.remoteId });
  });

  it('takes the posting slot after the lookup and the image upload, right before creating the post; a refused slot posts nothing', async () => {
    // The chaos run found it: the slot taken when the attempt began let two posts of one channel
    // reach a slow site closer together than the channel's limit.
    const seen: string[] = [];
    const logged = createWordPressAdapter({
      requestTimeoutMs: 10_000,
      fetch: async (url, init) => {
        seen.push(`${init?.method ?? 'GET'} ${new URL(String(url)).searchParams.get('rest_route')}`);
        return fetch(url, init);
      },
    });
    const publication = input(`slot ${randomUUID()}`, { media: [png()] });
    await expect(
      logged.publish(
        {
          ...channel(),
          postingSlot: async () => {
            seen.push('slot');
            throw new NetworkError('rate_limited', 'rate_limited', 'not this channel’s turn yet', { retryAfterMs: 1000 });
          },
        },
        publication,
      ),
    ).rejects.toMatchObject({ code: 'rate_limited' });
    expect(seen).toEqual(['GET /wp/v2/posts', 'POST /wp/v2/media', 'slot']);
    expect(await adapter.findPublished(channel(), publication)).toBeNull();
    seen.length = 0;
    const result = await logged.publish({ ...channel(), postingSlot: async () => void seen.push('slot') }, publication);
    expect(seen.slice(-2)).toEqual(['slot', 'POST /wp/v2/posts']);
    expect(await adapter.findPublished(channel(), publication)).toMatchObject({ remoteId: result.remoteId });
    expect(logged.limits.takesPostingSlot).toBe(true);
  });

  it('deletes to the trash, and deleting again is fine', async () => {
    const result = await adapter.publish(channel(), input(`to delete ${randomUUID()}`));
    await adapter.delete(channel(), result.remoteId);
    const { body } = await wp.api<{ status: string }>('GET', `/wp/v2/posts/${result.remoteId}`, { query: 'context=edit' });
    expect(body.status).toBe('trash');
    await adapter.delete(channel(), result.remoteId);
    await adapter.delete(channel(), '999999');
  });
});

describe('comments', () => {
  it('counts them as replies, reads visitors’ ones as mentions and inbox items, answers and hides them', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    const post = await adapter.publish(channel(), input(`commented ${randomUUID()}`));
    const visitor = await wp.api<{ id: number }>('POST', '/wp/v2/comments', {
      json: {
        post: Number(post.remoteId),
        author_name: 'Lucía',
        author_email: 'lucia@example.test',
        content: '¿Abrís el domingo?',
        status: 'approved',
      },
    });
    expect(visitor.status, JSON.stringify(visitor.body)).toBe(201);
    const own = await wp.api<{ id: number }>('POST', '/wp/v2/comments', {
      json: { post: Number(post.remoteId), content: 'Nota del equipo' },
    });
    expect(own.status).toBe(201);

    const metrics = await adapter.fetchMetrics(channel(), post.remoteId);
    expect(metrics.replies).toBe(2);
    expect(metrics.likes).toBeNull();
    expect(metrics.missing).toMatchObject({ likes: 'not_provided_by_network', clicks: 'use_tracked_links' });

    const mentions = await adapter.fetchMentions(channel(), since);
    const mine = mentions.filter((m) => m.inReplyToRemoteId === post.remoteId);
    expect(mine).toEqual([
      expect.objectContaining({ remoteId: `comment-${visitor.body.id}`, authorHandle: 'Lucía', text: '¿Abrís el domingo?' }),
    ]);

    const inbox = adapter.inbox!;
    const page = await inbox.fetchInbound(channel(), { cursor: null, since });
    const items = page.items.filter((item) => item.postRemoteId === post.remoteId);
    expect(items.map((item) => [item.remoteId, item.kind, item.fromUs])).toEqual([
      [`comment-${visitor.body.id}`, 'comment', false],
      [`comment-${own.body.id}`, 'comment', true],
    ]);
    expect(page.cursor).not.toBeNull();

    const target = {
      remoteId: `comment-${visitor.body.id}`,
      kind: 'comment' as const,
      threadRemoteId: post.remoteId,
      authorId: 'guest-Lucía',
      authorHandle: 'Lucía',
    };
    const reply = { replyId: randomUUID(), target, mode: 'public' as const, text: 'Sí, de 10 a 14.' };
    expect(await inbox.findReply(channel(), reply)).toBeNull();
    const answered = await inbox.reply(channel(), reply);
    expect(answered.remoteId).toMatch(/^comment-\d+$/);
    expect(await inbox.reply(channel(), reply)).toEqual(answered);
    const { body: replies } = await wp.api<Array<{ id: number; parent: number }>>('GET', '/wp/v2/comments', {
      query: `post=${post.remoteId}&parent=${visitor.body.id}`,
    });
    expect(replies.map((c) => `comment-${c.id}`)).toEqual([answered.remoteId]);

    await inbox.act(channel(), 'hide', target);
    const { body: hidden } = await wp.api<{ status: string }>('GET', `/wp/v2/comments/${visitor.body.id}`, { query: 'context=edit' });
    expect(hidden.status).toBe('hold');
    await expect(inbox.act(channel(), 'like', target)).rejects.toMatchObject({ code: 'action_not_supported' });
  });
});

describe('validate and content', () => {
  it('names what is wrong', () => {
    const codes = (publication: PublishInput) => adapter.validate(publication).map((issue) => issue.code);
    expect(codes(input('ok'))).toEqual([]);
    expect(codes(input('video', { media: [{ ...png(), mimeType: 'video/mp4', kind: 'video' }] }))).toContain('unsupported_media_type');
    expect(codes(input('x', { title: 't'.repeat(301) }))).toContain('text_too_long');
    expect(codes(input('x', { options: { network: { status: 'future' } } }))).toContain('option_invalid');
    expect(codes(input('x', { firstComment: 'hola' }))).toContain('first_comment_unsupported');
    expect(codes(input('x', { thread: [{ text: 'y', media: [] }] }))).toContain('thread_unsupported');
  });

  it('turns plain text into paragraphs with links', () => {
    expect(postBodyHtml('a\nb\n\nhttps://x.test/a?b=1&c=2.')).toBe(
      '<p>a<br />\nb</p>\n\n<p><a href="https://x.test/a?b=1&amp;c=2">https://x.test/a?b=1&amp;c=2</a>.</p>',
    );
  });
});
