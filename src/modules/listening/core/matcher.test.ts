import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createMatcher, anchorsOf } from './matcher.ts';
import { createNaiveMatcher } from './naive.ts';
import { parseQuery, tryParseQuery } from './query-language.ts';
import { normalizePost } from './tokenize.ts';

const post = (text: string, extra: { lang?: string; author?: string; network?: string } = {}) => normalizePost({ text, ...extra });

describe('compiled matcher', () => {
  it('matches terms, phrases, NEAR, proximity, wildcards and fields', () => {
    const matcher = createMatcher([
      { id: 'brand', query: 'acme OR "acme corp" OR @acme' },
      { id: 'near', query: 'servicio NEAR/2f (malo OR pésimo)' },
      { id: 'prox', query: '"customer service"~2' },
      { id: 'wild', query: 'acme AND market*' },
      { id: 'site', query: 'site:acme.com' },
      { id: 'es', query: 'acme lang:es -empleo' },
      { id: 'author', query: 'author:@Beta.bsky.social network:bluesky' },
    ]);
    expect(matcher.match(post('Acme has great marketing', { lang: 'en' }))).toEqual(['brand', 'wild']);
    expect(matcher.match(post('el servicio fue muy malo'))).toEqual(['near']);
    expect(matcher.match(post('malo el servicio'))).toEqual([]); // ordered: malo must follow
    expect(matcher.match(post('service from customer support'))).toEqual(['prox']);
    expect(matcher.match(post('customer a b c d service'))).toEqual([]);
    expect(matcher.match(post('mira https://shop.acme.com/oferta'))).toEqual(['site']);
    expect(matcher.match(post('ACME mola', { lang: 'es' }))).toEqual(['brand', 'es']);
    expect(matcher.match(post('ACME oferta de empleo', { lang: 'es' }))).toEqual(['brand']);
    expect(matcher.match(post('hola', { author: 'beta.bsky.social', network: 'Bluesky' }))).toEqual(['author']);
    expect(matcher.match(post('hola @acme'))).toEqual(['brand']);
  });

  it('folds accents and ñ, matches hashtags by their word and elongated words', () => {
    const matcher = createMatcher([
      { id: 'musica', query: 'música' },
      { id: 'espana', query: 'España' },
      { id: 'gracias', query: 'gracias' },
      { id: 'good', query: 'good' },
      { id: 'tag', query: '#Verano' },
    ]);
    expect(matcher.match(post('MUSICA en espana'))).toEqual(['musica', 'espana']);
    expect(matcher.match(post('graciaaaaas, sooo goooood #verano'))).toEqual(['gracias', 'good', 'tag']);
    expect(matcher.match(post('verano'))).toEqual([]);
    expect(matcher.match(post('#musica'))).toEqual(['musica']);
  });

  it('supports add and remove', () => {
    const matcher = createMatcher();
    matcher.add({ id: 'x', query: 'acme' });
    expect(matcher.match(post('acme'))).toEqual(['x']);
    matcher.add({ id: 'x', query: 'beta' });
    expect(matcher.match(post('acme'))).toEqual([]);
    expect(matcher.remove('x')).toBe(true);
    expect(matcher.size).toBe(0);
  });

  it('anchors on rare terms and never on NOT, wildcards or lang:', () => {
    expect(anchorsOf(parseQuery('the AND acme'))?.keys).toEqual(['acme']);
    expect(anchorsOf(parseQuery('(acme OR beta) lang:es -job'))?.keys).toEqual(['acme', 'beta']);
    expect(anchorsOf(parseQuery('"the acme corp" market*'))?.keys).toEqual(['acme']);
  });
});

// Random queries and posts over a small vocabulary, so that matches are frequent.
const WORDS = ['acme', 'beta', 'muy', 'malo', 'bueno', 'servicio', 'market', 'marketing', 'musica', 'the'];
const TEXT_FORMS: Record<string, string[]> = {
  acme: ['acme', 'ACME', '#acme', '@acme', 'aaacme'],
  beta: ['beta', '#Beta', 'betaaa'],
  muy: ['muy', 'muuuy'],
  malo: ['malo', 'MALO'],
  bueno: ['bueno', 'buenooo'],
  servicio: ['servicio'],
  market: ['market', 'markets'],
  marketing: ['marketing', '#marketing'],
  musica: ['música', 'musica'],
  the: ['the', 'The'],
};
const QUERY_FORMS: Record<string, string[]> = {
  acme: ['acme', '#acme', '@acme', 'ACME'],
  beta: ['beta', '#beta'],
  muy: ['muy'],
  malo: ['malo'],
  bueno: ['bueno', 'buenoo'],
  servicio: ['servicio'],
  market: ['market', 'mark*', 'market?'],
  marketing: ['marketing', 'market*'],
  musica: ['música', 'musi?a'],
  the: ['the'],
};

const word = fc.constantFrom(...WORDS);
const queryWord = word.chain((w) => fc.constantFrom(...QUERY_FORMS[w]));
const plainWord = word.chain((w) => fc.constantFrom(...QUERY_FORMS[w].filter((f) => !/[*?]/.test(f))));

const leaf: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: queryWord },
  { weight: 2, arbitrary: fc.array(plainWord, { minLength: 2, maxLength: 3 }).map((ws) => `"${ws.join(' ')}"`) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.array(plainWord, { minLength: 2, maxLength: 3 }), fc.integer({ min: 0, max: 3 }))
      .map(([ws, n]) => `"${ws.join(' ')}"~${n}`),
  },
  { weight: 1, arbitrary: fc.constantFrom('lang:es', 'lang:en', 'network:bluesky', 'author:@ana', 'site:acme.com') },
);
const positional: fc.Arbitrary<string> = fc.oneof(
  queryWord,
  fc.array(plainWord, { minLength: 2, maxLength: 2 }).map((ws) => `"${ws.join(' ')}"`),
  fc.array(queryWord, { minLength: 2, maxLength: 3 }).map((ws) => `(${ws.join(' OR ')})`),
);
const { expr } = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: leaf },
    { weight: 2, arbitrary: fc.array(tie('expr'), { minLength: 2, maxLength: 3 }).map((xs) => `(${xs.join(' AND ')})`) },
    { weight: 2, arbitrary: fc.array(tie('expr'), { minLength: 2, maxLength: 3 }).map((xs) => `(${xs.join(' OR ')})`) },
    { weight: 1, arbitrary: fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `(${a} ${b})`) },
    { weight: 1, arbitrary: tie('expr').map((x) => `-${x}`) },
    { weight: 1, arbitrary: tie('expr').map((x) => `NOT ${x}`) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(positional, fc.integer({ min: 0, max: 4 }), fc.boolean(), positional)
        .map(([a, n, f, b]) => `(${a} NEAR/${n}${f ? 'f' : ''} ${b})`),
    },
  ),
}));
// Prefix a plain term half of the time so that wildcard and NOT queries pass the guard-rails.
const query = fc.tuple(fc.boolean(), plainWord, expr).map(([anchor, w, x]) => (anchor ? `${w} ${x}` : x));

const postArb = fc.record({
  words: fc.array(
    word.chain((w) => fc.constantFrom(...TEXT_FORMS[w])),
    { minLength: 0, maxLength: 12 },
  ),
  url: fc.constantFrom('', ' https://www.acme.com/p', ' http://shop.acme.com', ' https://beta.io'),
  lang: fc.constantFrom('es', 'en', 'other'),
  network: fc.constantFrom('bluesky', 'mastodon'),
  author: fc.constantFrom('ana', '@Ana', 'bob'),
});

describe('compiled matcher against the naive evaluator', () => {
  it('gives identical results on 100,000 random posts over 10,000 random queries', () => {
    let posts = 0;
    let matches = 0;
    fc.assert(
      fc.property(
        fc.array(query, { minLength: 10, maxLength: 10 }),
        fc.array(postArb, { minLength: 100, maxLength: 100 }),
        (texts, raw) => {
          const saved = texts.filter((t) => tryParseQuery(t).ok).map((t, i) => ({ id: `q${i}`, query: t }));
          const compiled = createMatcher(saved);
          const naive = createNaiveMatcher(saved);
          for (const r of raw) {
            const p = normalizePost({ text: r.words.join(' ') + r.url, lang: r.lang, network: r.network, author: r.author });
            const fast = compiled.match(p);
            matches += fast.length;
            posts++;
            expect(fast).toEqual(naive.match(p));
          }
        },
      ),
      { numRuns: 1000, seed: 20240504 },
    );
    expect(posts).toBe(100_000);
    expect(matches).toBeGreaterThan(50_000); // the generator really produces matches
  });
});
