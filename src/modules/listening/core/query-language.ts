/**
 * The boolean query language of saved listening queries, in the style community managers know
 * from Brandwatch or Talkwalker. A small hand-written recursive-descent parser (no library fits
 * this language) turning text into a {@link QueryNode} tree, with guard-rails that keep every
 * query indexable by the compiled matcher.
 *
 * Grammar (operators are upper case; `and`, `or`, `near` in lower case are ordinary words):
 *
 *     query    := or EOF
 *     or       := and ( "OR" and )*
 *     and      := unary ( ["AND"] unary )*          adjacent terms are ANDed
 *     unary    := ("NOT" | "-") unary | near
 *     near     := primary ( ("NEAR/n" | "NEAR/nf") primary )*
 *     primary  := "(" or ")" | word | "phrase" | "phrase"~N | field:value
 *
 * Guard-rails: a wildcard needs at least 4 literal characters before its first wildcard
 * (`market*`, `colo?r`), `*` only at the end of a word, a wildcard must be ANDed with a plain term,
 * NEAR/n and ~N accept n ≤ 10, and every query needs something that must appear (a term,
 * phrase, hashtag, handle, `author:` or `site:`), because `lang:` and `network:` only filter.
 */
import { foldText, normalizeHandle, normalizeQueryWords } from './tokenize.ts';

/** Fields a query can test. */
export type QueryField = 'lang' | 'author' | 'site' | 'network';

/** A node of a parsed query. `position` is the character offset in the query text. */
export type QueryNode =
  | { kind: 'term'; value: string; position: number }
  | { kind: 'wildcard'; pattern: string; regex: RegExp; position: number }
  | { kind: 'phrase'; words: string[]; slop: number | null; position: number }
  | { kind: 'near'; left: QueryNode; right: QueryNode; distance: number; ordered: boolean; position: number }
  | { kind: 'field'; field: QueryField; value: string; position: number }
  | { kind: 'and'; children: QueryNode[]; position: number }
  | { kind: 'or'; children: QueryNode[]; position: number }
  | { kind: 'not'; child: QueryNode; position: number };

/** Largest distance accepted by NEAR/n and "…"~n. */
export const MAX_NEAR_DISTANCE = 10;
/** Fewest literal characters a wildcard word must have before its first wildcard. */
export const MIN_WILDCARD_PREFIX = 4;

/** Why a query cannot be parsed: a stable code the web app translates (with {@link QueryParseError.params}). */
export const QUERY_SYNTAX_REASONS = [
  'unclosed_quote',
  'proximity_number_missing',
  'proximity_too_wide',
  'near_invalid',
  'near_too_wide',
  'field_value_missing',
  'empty_query',
  'unbalanced_paren',
  'unexpected_token',
  'unexpected_end',
  'near_operand',
  'no_letters',
  'wildcard_letters',
  'wildcard_star_end',
  'wildcard_prefix',
  'empty_phrase',
  'wildcard_needs_term',
  'needs_required_term',
] as const;
export type QuerySyntaxReason = (typeof QUERY_SYNTAX_REASONS)[number];

/** What the parser expected where it stopped, as a code (`unexpected_token`'s `expected` parameter). */
export const QUERY_EXPECTED_CODES = ['term_or_group', 'closing_paren', 'operator_or_end'] as const;

/**
 * A query that cannot be parsed: where (0-based `position`), why (`reason` + `params`, shown by the
 * web app in the UI language) and an English `message` and `expected` for the CLI and logs.
 */
export class QueryParseError extends Error {
  readonly position: number;
  readonly expected: string;
  readonly reason: QuerySyntaxReason;
  readonly params: Record<string, string | number>;
  constructor(position: number, expected: string, message: string, reason: QuerySyntaxReason, params: Record<string, string | number>) {
    super(message);
    this.name = 'QueryParseError';
    this.position = position;
    this.expected = expected;
    this.reason = reason;
    this.params = params;
  }
}

type LexToken =
  | { type: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'minus' | 'eof'; position: number }
  | { type: 'near'; distance: number; ordered: boolean; position: number }
  | { type: 'word'; text: string; position: number }
  | { type: 'phrase'; text: string; slop: number | null; position: number }
  | { type: 'field'; field: QueryField; value: string; position: number };

const FIELD_NAMES: ReadonlySet<string> = new Set(['lang', 'author', 'site', 'network']);
const WORD_STOP = /[\s()"]/;

function describe(token: LexToken): string {
  switch (token.type) {
    case 'eof':
      return 'the end of the query';
    case 'lparen':
      return '"("';
    case 'rparen':
      return '")"';
    case 'word':
      return `"${token.text}"`;
    case 'phrase':
      return `"\\"${token.text}\\""`;
    case 'field':
      return `"${token.field}:${token.value}"`;
    case 'near':
      return 'NEAR';
    default:
      return token.type.toUpperCase();
  }
}

function lex(query: string): LexToken[] {
  const tokens: LexToken[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (ch === '(') {
      tokens.push({ type: 'lparen', position: i++ });
      continue;
    }
    if (ch === ')') {
      tokens.push({ type: 'rparen', position: i++ });
      continue;
    }
    if (ch === '"') {
      const end = query.indexOf('"', i + 1);
      if (end < 0) {
        throw new QueryParseError(
          query.length,
          'a closing quote (")',
          `Missing closing quote for the phrase that starts at ${start + 1}.`,
          'unclosed_quote',
          { start: start + 1 },
        );
      }
      const text = query.slice(i + 1, end);
      i = end + 1;
      let slop: number | null = null;
      if (query[i] === '~') {
        const m = /^~(\d+)/.exec(query.slice(i));
        if (!m) {
          throw new QueryParseError(
            i + 1,
            'a number after "~"',
            'Expected a number after "~", e.g. "great service"~3.',
            'proximity_number_missing',
            {},
          );
        }
        slop = Number(m[1]);
        if (slop > MAX_NEAR_DISTANCE) {
          throw new QueryParseError(
            i + 1,
            `a distance of at most ${MAX_NEAR_DISTANCE}`,
            `Proximity ~${slop} is too wide: at most ${MAX_NEAR_DISTANCE}.`,
            'proximity_too_wide',
            { slop, max: MAX_NEAR_DISTANCE },
          );
        }
        i += m[0].length;
      }
      tokens.push({ type: 'phrase', text, slop, position: start });
      continue;
    }
    if (ch === '-' && i + 1 < query.length && !/[\s)]/.test(query[i + 1])) {
      tokens.push({ type: 'minus', position: i++ });
      continue;
    }
    while (i < query.length && !WORD_STOP.test(query[i])) i++;
    const word = query.slice(start, i);
    if (word === 'AND') tokens.push({ type: 'and', position: start });
    else if (word === 'OR') tokens.push({ type: 'or', position: start });
    else if (word === 'NOT') tokens.push({ type: 'not', position: start });
    else if (word.startsWith('NEAR/')) {
      const m = /^NEAR\/(\d+)(f?)$/.exec(word);
      if (!m) {
        throw new QueryParseError(
          start + 5,
          'a distance such as NEAR/3 or NEAR/3f',
          `"${word}" is not a valid NEAR: write NEAR/n or NEAR/nf (ordered), n from 0 to ${MAX_NEAR_DISTANCE}.`,
          'near_invalid',
          { word, max: MAX_NEAR_DISTANCE },
        );
      }
      const distance = Number(m[1]);
      if (distance > MAX_NEAR_DISTANCE) {
        throw new QueryParseError(
          start + 5,
          `a distance of at most ${MAX_NEAR_DISTANCE}`,
          `NEAR/${distance} is too wide: at most NEAR/${MAX_NEAR_DISTANCE}.`,
          'near_too_wide',
          { distance, max: MAX_NEAR_DISTANCE },
        );
      }
      tokens.push({ type: 'near', distance, ordered: m[2] === 'f', position: start });
    } else {
      const colon = word.indexOf(':');
      const name = colon > 0 ? word.slice(0, colon).toLowerCase() : '';
      if (colon > 0 && FIELD_NAMES.has(name)) {
        const value = word.slice(colon + 1);
        if (!value) {
          throw new QueryParseError(
            start + colon + 1,
            `a value after "${name}:"`,
            `"${name}:" needs a value, e.g. ${name}:${exampleValue(name)}.`,
            'field_value_missing',
            { field: name, example: exampleValue(name) },
          );
        }
        tokens.push({ type: 'field', field: name as QueryField, value, position: start });
      } else {
        tokens.push({ type: 'word', text: word, position: start });
      }
    }
  }
  tokens.push({ type: 'eof', position: query.length });
  return tokens;
}

function exampleValue(field: string): string {
  return field === 'lang' ? 'es' : field === 'author' ? '@acme' : field === 'site' ? 'example.com' : 'bluesky';
}

class Parser {
  private index = 0;
  constructor(private readonly tokens: LexToken[]) {}

  private peek(): LexToken {
    return this.tokens[this.index];
  }
  private next(): LexToken {
    return this.tokens[this.index++];
  }

  parseQuery(): QueryNode {
    if (this.peek().type === 'eof') {
      throw new QueryParseError(0, 'a term', 'The query is empty.', 'empty_query', {});
    }
    const node = this.parseOr();
    const rest = this.peek();
    if (rest.type !== 'eof') {
      if (rest.type === 'rparen') {
        throw new QueryParseError(
          rest.position,
          'an operator or the end of the query',
          'Unbalanced ")": there is no "(" to close.',
          'unbalanced_paren',
          {},
        );
      }
      this.fail(rest, 'an operator or the end of the query');
    }
    return node;
  }

  private fail(token: LexToken, expected: string): never {
    throw new QueryParseError(
      token.position,
      expected,
      `Expected ${expected} at position ${token.position + 1}, found ${describe(token)}.`,
      // The end of the query has no text to quote: its own reason.
      token.type === 'eof' ? 'unexpected_end' : 'unexpected_token',
      token.type === 'eof' ? { expected: expectedCode(expected) } : { expected: expectedCode(expected), found: describe(token) },
    );
  }

  private parseOr(): QueryNode {
    const first = this.parseAnd();
    const children = [first];
    while (this.peek().type === 'or') {
      this.next();
      children.push(this.parseAnd());
    }
    return children.length === 1 ? first : { kind: 'or', children, position: first.position };
  }

  private startsUnary(token: LexToken): boolean {
    return (
      token.type === 'not' ||
      token.type === 'minus' ||
      token.type === 'lparen' ||
      token.type === 'word' ||
      token.type === 'phrase' ||
      token.type === 'field'
    );
  }

  private parseAnd(): QueryNode {
    const first = this.parseUnary();
    const children = [first];
    for (;;) {
      const token = this.peek();
      if (token.type === 'and') {
        this.next();
        children.push(this.parseUnary());
      } else if (this.startsUnary(token)) {
        children.push(this.parseUnary());
      } else break;
    }
    return children.length === 1 ? first : { kind: 'and', children, position: first.position };
  }

  private parseUnary(): QueryNode {
    const token = this.peek();
    if (token.type === 'not' || token.type === 'minus') {
      this.next();
      return { kind: 'not', child: this.parseUnary(), position: token.position };
    }
    return this.parseNear();
  }

  private parseNear(): QueryNode {
    let left = this.parsePrimary();
    while (this.peek().type === 'near') {
      const op = this.next() as Extract<LexToken, { type: 'near' }>;
      requirePositional(left);
      const right = this.parsePrimary();
      requirePositional(right);
      left = { kind: 'near', left, right, distance: op.distance, ordered: op.ordered, position: op.position };
    }
    return left;
  }

  private parsePrimary(): QueryNode {
    const token = this.next();
    switch (token.type) {
      case 'lparen': {
        const inner = this.parseOr();
        const close = this.peek();
        if (close.type !== 'rparen') this.fail(close, 'a closing parenthesis ")"');
        this.next();
        return inner;
      }
      case 'word':
        return wordNode(token.text, token.position);
      case 'phrase':
        return phraseNode(token.text, token.slop, token.position);
      case 'field':
        return fieldNode(token.field, token.value, token.position);
      default:
        this.index--;
        return this.fail(token, 'a term, a "phrase", a field or "("');
    }
  }
}

function expectedCode(expected: string): (typeof QUERY_EXPECTED_CODES)[number] {
  if (expected === 'a closing parenthesis ")"') return 'closing_paren';
  if (expected === 'an operator or the end of the query') return 'operator_or_end';
  return 'term_or_group';
}

function requirePositional(node: QueryNode): void {
  if (!isPositional(node)) {
    throw new QueryParseError(
      node.position,
      'a term, a phrase or a group of alternatives joined by OR',
      'NEAR joins words, exact phrases or (alternatives OR …); AND, NOT, fields and "…"~N cannot be inside NEAR.',
      'near_operand',
      {},
    );
  }
}

/** True for nodes that match at positions in the text (and so can be used with NEAR). */
export function isPositional(node: QueryNode): boolean {
  switch (node.kind) {
    case 'term':
    case 'wildcard':
    case 'near':
      return true;
    // A proximity phrase ("a b"~3) has no single span, so it cannot be an operand of NEAR.
    case 'phrase':
      return node.slop === null;
    case 'or':
      return node.children.every(isPositional);
    default:
      return false;
  }
}

function wordNode(raw: string, position: number): QueryNode {
  if (/[*?]/.test(raw)) return wildcardNode(raw, position);
  const words = normalizeQueryWords(raw);
  if (words.length === 0) {
    throw new QueryParseError(position, 'a word with letters or digits', `"${raw}" has no letters or digits to search for.`, 'no_letters', {
      word: raw,
    });
  }
  if (words.length === 1) return { kind: 'term', value: words[0], position };
  // `coca-cola` or `l'oreal` are several tokens in text: search them as a phrase.
  return { kind: 'phrase', words, slop: null, position };
}

function wildcardNode(raw: string, position: number): QueryNode {
  const folded = foldText(raw);
  if (!/^[#@]?[\p{L}\p{N}_*?]+$/u.test(folded)) {
    throw new QueryParseError(
      position,
      'letters with * or ? wildcards',
      `"${raw}": wildcards work on single words made of letters and digits.`,
      'wildcard_letters',
      { word: raw },
    );
  }
  const star = folded.indexOf('*');
  if (star >= 0 && star !== folded.length - 1) {
    throw new QueryParseError(
      position + star,
      'a "*" only at the end of a word',
      `"${raw}": "*" can only end a word (market*).`,
      'wildcard_star_end',
      { word: raw },
    );
  }
  const firstWildcard = folded.search(/[*?]/);
  const prefix = folded.slice(0, firstWildcard).replace(/^[#@]/, '');
  if (prefix.length < MIN_WILDCARD_PREFIX) {
    throw new QueryParseError(
      position,
      `at least ${MIN_WILDCARD_PREFIX} letters before the wildcard`,
      `"${raw}": a wildcard needs at least ${MIN_WILDCARD_PREFIX} letters before it (e.g. market*).`,
      'wildcard_prefix',
      { word: raw, min: MIN_WILDCARD_PREFIX },
    );
  }
  const source = folded.replace(/[*?]|[^*?]+/gu, (part) =>
    part === '*' ? '.*' : part === '?' ? '.' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
  );
  return { kind: 'wildcard', pattern: folded, regex: new RegExp(`^${source}$`, 'u'), position };
}

function phraseNode(text: string, slop: number | null, position: number): QueryNode {
  const words = normalizeQueryWords(text);
  if (words.length === 0) {
    throw new QueryParseError(position + 1, 'words inside the quotes', 'The phrase has no words to search for.', 'empty_phrase', {});
  }
  if (words.length === 1) return { kind: 'term', value: words[0], position };
  return { kind: 'phrase', words, slop, position };
}

function fieldNode(field: QueryField, raw: string, position: number): QueryNode {
  let value: string;
  if (field === 'author') value = normalizeHandle(raw);
  else if (field === 'site')
    value = foldText(raw)
      .replace(/^https?:\/\//, '')
      .replace(/^www\./, '')
      .replace(/\/.*$/, '');
  else value = foldText(raw);
  if (!value) {
    throw new QueryParseError(position, `a value after "${field}:"`, `"${field}:" needs a value.`, 'field_value_missing', {
      field,
      example: exampleValue(field),
    });
  }
  return { kind: 'field', field, value, position };
}

/**
 * True when every match of the node must contain some indexable key (a term, `author:` or
 * `site:`), which is what lets the compiled matcher find it through its index.
 */
export function isAnchorable(node: QueryNode): boolean {
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return true;
    case 'wildcard':
    case 'not':
      return false;
    case 'field':
      return node.field === 'author' || node.field === 'site';
    case 'near':
      return isAnchorable(node.left) || isAnchorable(node.right);
    case 'and':
      return node.children.some(isAnchorable);
    case 'or':
      return node.children.every(isAnchorable);
  }
}

function firstNode(node: QueryNode, test: (n: QueryNode) => boolean): QueryNode | null {
  if (test(node)) return node;
  const children =
    node.kind === 'and' || node.kind === 'or'
      ? node.children
      : node.kind === 'near'
        ? [node.left, node.right]
        : node.kind === 'not'
          ? [node.child]
          : [];
  for (const child of children) {
    const found = firstNode(child, test);
    if (found) return found;
  }
  return null;
}

function validateAnchors(node: QueryNode): void {
  if (isAnchorable(node)) return;
  const wildcard = firstNode(node, (n) => n.kind === 'wildcard' || (n.kind === 'or' && n.children.some((c) => c.kind === 'wildcard')));
  if (wildcard) {
    const at = wildcard.kind === 'wildcard' ? wildcard : (firstNode(wildcard, (n) => n.kind === 'wildcard') ?? wildcard);
    throw new QueryParseError(
      at.position,
      'a plain term ANDed with the wildcard',
      'A wildcard must be ANDed with a plain term (e.g. acme AND market*), so the query stays fast.',
      'wildcard_needs_term',
      {},
    );
  }
  throw new QueryParseError(
    node.position,
    'a term that must appear',
    'The query needs a word, phrase, #hashtag, @handle, author: or site: that must appear; NOT, lang: and network: only filter.',
    'needs_required_term',
    {},
  );
}

/** Parses a query; throws {@link QueryParseError} with the position and what was expected. */
export function parseQuery(query: string): QueryNode {
  const node = new Parser(lex(query)).parseQuery();
  validateAnchors(node);
  return node;
}

/** Parses a query and returns either the tree or the error, for "test this query" panels. */
export function tryParseQuery(query: string): { ok: true; node: QueryNode } | { ok: false; error: QueryParseError } {
  try {
    return { ok: true, node: parseQuery(query) };
  } catch (error) {
    if (error instanceof QueryParseError) return { ok: false, error };
    throw error;
  }
}

/** Writes a tree back as query text (normalized forms), handy for tests and debugging. */
export function formatQuery(node: QueryNode): string {
  switch (node.kind) {
    case 'term':
      return node.value;
    case 'wildcard':
      return node.pattern;
    case 'phrase':
      return `"${node.words.join(' ')}"${node.slop === null ? '' : `~${node.slop}`}`;
    case 'field':
      return `${node.field}:${node.value}`;
    case 'near':
      return `(${formatQuery(node.left)} NEAR/${node.distance}${node.ordered ? 'f' : ''} ${formatQuery(node.right)})`;
    case 'not':
      return `NOT ${formatQuery(node.child)}`;
    case 'and':
      return `(${node.children.map(formatQuery).join(' AND ')})`;
    case 'or':
      return `(${node.children.map(formatQuery).join(' OR ')})`;
  }
}
