import { describe, expect, it } from 'vitest';
import { columnOf } from './board.ts';
import { normalizeHashtagSet } from './commands.ts';
import { extractHashtags, hashtagKey, suggestFromOwnPosts, suggestFromTrends } from './hashtags.ts';

describe('hashtags', () => {
  it('reads hashtags as people write them, folding case and accents but keeping ñ; URL fragments are not tags', () => {
    expect(
      extractHashtags('#Café y #cafe, #España #espana #2026 a#b https://x.es/p#seccion ##doble #año_nuevo').map((t) => t.written),
    ).toEqual(['#Café', '#España', '#espana', '#año_nuevo']);
    expect(hashtagKey('#CAFÉ')).toBe('cafe');
    expect(hashtagKey('#Año')).toBe('año');
  });

  it('normalizes a hashtag set and names the words that are not tags', () => {
    expect(normalizeHashtagSet('verano, #Verano tapas;#Tapas')).toBe('#verano #tapas');
    expect(() => normalizeHashtagSet('#ok no-vale 2026')).toThrow(/no-vale, 2026/);
  });

  it('ranks own hashtags by engagement shrunk towards the brand mean: one lucky post does not top a steady tag', () => {
    const pub = (text: string, engagements: number) => ({ text, engagements24h: engagements, followersAtPost: 100 });
    const result = suggestFromOwnPosts(
      [pub('#suerte', 50), pub('#suerte', 1), pub('#fijo', 10), pub('#fijo', 11), pub('#fijo', 12), pub('#fijo', 9), pub('sin', 1)],
      { minPosts: 2 },
    );
    // Mean 94/7 = 13.43 %. #suerte: 25.5 % over 2 posts; #fijo: 10.5 % over 4 posts (below the mean: left out).
    expect(result.baselineRate).toBe(13.429);
    expect(result.items.map((i) => [i.tag, i.posts, i.engagementRate])).toEqual([['#suerte', 2, 25.5]]);
    const steady = suggestFromOwnPosts(
      [pub('#uno', 60), ...Array.from({ length: 4 }, () => pub('#fijo', 40)), ...Array.from({ length: 5 }, () => pub('x', 0))],
      { minPosts: 1 },
    );
    // Mean 22 %. #uno's one post (60 %) beats #fijo's mean (40 %), but shrunk with k = 3 posts:
    // #uno (60 + 3·22) / 4 = 31.5, #fijo (160 + 3·22) / 7 = 32.3, so the steady tag comes first.
    expect(steady.items.map((i) => i.tag)).toEqual(['#fijo', '#uno']);
  });

  it('finds trends against each tag’s own past and ignores mentions outside the window', () => {
    const now = Date.parse('2026-05-20T12:00:00Z');
    const h = 3_600_000;
    const mentions = [
      ...Array.from({ length: 4 }, (_, i) => ({ text: '#nuevo', at: now - (i + 1) * h })),
      ...Array.from({ length: 14 }, (_, i) => ({ text: '#viejo', at: now - 25 * h - i * 12 * h })),
      ...Array.from({ length: 5 }, (_, i) => ({ text: '#viejo', at: now - (i + 1) * h })),
      { text: '#futuro', at: now + h },
      { text: '#antiguo', at: now - 30 * 24 * h },
    ];
    const result = suggestFromTrends(mentions, now);
    expect(result.items).toEqual([
      { tag: '#nuevo', key: 'nuevo', recent: 4, before: 0, growth: 400 },
      { tag: '#viejo', key: 'viejo', recent: 5, before: 2, growth: 150 },
    ]);
    expect(result.mentionsRead).toBe(23);
  });

  it('puts a card in its post’s column', () => {
    expect(
      [null, 'draft', 'in_review', 'approved', 'scheduled', 'publishing', 'published', 'failed', 'canceled'].map((s) =>
        columnOf(s as never),
      ),
    ).toEqual(['idea', 'draft', 'in_review', 'scheduled', 'scheduled', 'scheduled', 'published', 'scheduled', 'draft']);
  });
});
