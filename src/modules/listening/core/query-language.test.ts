import { describe, expect, it } from 'vitest';
import { formatQuery, parseQuery, QueryParseError, tryParseQuery } from './query-language.ts';

const format = (q: string) => formatQuery(parseQuery(q));
function errorOf(q: string): QueryParseError {
  const result = tryParseQuery(q);
  if (result.ok) throw new Error(`expected ${q} to fail`);
  return result.error;
}

describe('query language', () => {
  it('parses operators with OR below AND, implicit AND and -term', () => {
    expect(format('Acme OR "Acme Corp" -job')).toBe('(acme OR ("acme corp" AND NOT job))');
    expect(format('(acme OR beta) precio NOT caro')).toBe('((acme OR beta) AND precio AND NOT caro)');
    expect(format('acme and or')).toBe('(acme AND and AND or)'); // lower-case operators are words
  });
  it('parses phrases, proximity, NEAR and fields', () => {
    expect(format('"servicio al cliente"~3 lang:ES')).toBe('("servicio al cliente"~3 AND lang:es)');
    expect(format('música NEAR/3f (mala OR malo)')).toBe('(musica NEAR/3f (mala OR malo))');
    expect(format('#Nike @Adidas author:@Foo.bsky.social site:https://www.Nike.com/x network:Bluesky')).toBe(
      '(#nike AND @adidas AND author:foo.bsky.social AND site:nike.com AND network:bluesky)',
    );
    expect(format('coca-cola')).toBe('"coca cola"');
    expect(format('acme AND market* AND colo?r')).toBe('(acme AND market* AND colo?r)');
  });
  it('reports position and what was expected', () => {
    expect(errorOf('(acme OR beta')).toMatchObject({ position: 13, expected: 'a closing parenthesis ")"' });
    expect(errorOf('acme OR')).toMatchObject({ position: 7 });
    expect(errorOf('acme)').position).toBe(4);
    expect(errorOf('"acme').expected).toBe('a closing quote (")');
    expect(errorOf('acme NEAR/11 beta')).toMatchObject({ position: 10, expected: 'a distance of at most 10' });
    expect(errorOf('"a b"~12').position).toBe(6);
    expect(errorOf('acme AND ma*').expected).toContain('at least 4 letters');
    expect(errorOf('acme AND mar*ket').expected).toContain('only at the end');
    expect(errorOf('market*').expected).toBe('a plain term ANDed with the wildcard');
    expect(errorOf('acme OR market*').expected).toBe('a plain term ANDed with the wildcard');
    expect(errorOf('-acme').expected).toBe('a term that must appear');
    expect(errorOf('lang:es').expected).toBe('a term that must appear');
    expect(errorOf('(a AND b) NEAR/2 c').expected).toContain('group of alternatives');
    expect(errorOf('')).toBeInstanceOf(QueryParseError);
    // Reasons are codes with parameters (the web app words them in the UI language).
    expect(errorOf('acme OR')).toMatchObject({ reason: 'unexpected_end', params: { expected: 'term_or_group' } });
    expect(errorOf('acme)')).toMatchObject({ reason: 'unbalanced_paren' });
    expect(errorOf('acme NEAR/11 beta')).toMatchObject({ reason: 'near_too_wide', params: { distance: 11, max: 10 } });
    expect(errorOf('acme AND ma*')).toMatchObject({ reason: 'wildcard_prefix', params: { word: 'ma*', min: 4 } });
    expect(errorOf('"acme')).toMatchObject({ reason: 'unclosed_quote', params: { start: 1 } });
    expect(errorOf('(acme OR beta')).toMatchObject({ reason: 'unexpected_end', params: { expected: 'closing_paren' } });
    expect(errorOf('acme ( beta')).toMatchObject({ reason: 'unexpected_end' });
    expect(errorOf('')).toMatchObject({ reason: 'empty_query' });
  });
  it('accepts author: and site: alone, since they can be indexed', () => {
    expect(tryParseQuery('author:@acme').ok).toBe(true);
    expect(tryParseQuery('site:acme.com -promo').ok).toBe(true);
  });
});
