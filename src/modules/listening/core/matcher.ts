/**
 * The compiled matcher: many saved queries matched against each post at once, in the manner of
 * Lucene Monitor / Elasticsearch percolator. Every query gets a small set of "anchor" keys such
 * that any post it matches must contain one of them; an index maps anchor keys to queries, so a
 * post only verifies the queries whose anchors it contains. Verification runs each candidate's
 * query compiled to closures.
 *
 * Anchors are chosen recursively: a term anchors on itself; a phrase or NEAR on its rarest word;
 * AND on its cheapest anchorable child; OR on the union of its children; `author:`/`site:` on
 * their value. NOT, wildcards, `lang:` and `network:` never anchor (the parser guarantees that
 * every query has anchors).
 *
 * Match semantics (shared with `naive.ts`, which is the oracle in tests and the benchmark):
 * - term: one of the post's searchable forms equals it (see tokenize.ts);
 * - wildcard: a searchable form matches the pattern (`*` any run, `?` one character);
 * - "a b c": the words at consecutive positions; "a b c"~N: the words at distinct positions, in
 *   any order, within a window of (words − 1 + N) positions;
 * - x NEAR/n y: an occurrence of x and one of y that do not overlap, with at most n words between
 *   them; NEAR/nf: y after x. Operands match at spans: a term one position, a phrase its words,
 *   an OR the spans of its alternatives, a NEAR the span covering both of its parts;
 * - lang:, network: equal the post's; author: equals the handle; site: the host or a parent domain.
 */
import { parseQuery, type QueryNode } from './query-language.ts';
import type { NormalizedPost } from './tokenize.ts';

/** A saved query as the matcher sees it. */
export interface SavedQuery {
  id: string;
  /** Query text, or an already parsed tree. */
  query: string | QueryNode;
}

/** Options of {@link createMatcher}. */
export interface MatcherOptions {
  /**
   * Estimated frequency of a term (bigger = more common). The matcher anchors on rare terms so
   * that fewer candidates need verifying. Defaults to {@link defaultTermCost}.
   */
  termCost?: (term: string) => number;
}

/** A compiled set of queries. */
export interface Matcher {
  /** Ids of the queries the post matches, in the order the queries were added. */
  match(post: NormalizedPost): string[];
  /** Adds (or replaces) a query. Throws QueryParseError on a bad query. */
  add(query: SavedQuery): void;
  /** Removes a query by id; returns whether it existed. */
  remove(id: string): boolean;
  /** Recomputes every query's anchors with new term costs (e.g. from {@link createTermStatistics}). */
  reanchor(termCost: (term: string) => number): void;
  /** Number of queries. */
  readonly size: number;
  /** Queries verified for the posts matched so far (for the benchmark's selectivity figure). */
  readonly stats: { posts: number; candidates: number };
}

type Predicate = (post: NormalizedPost) => boolean;
/** Spans as a flat list: start0, end0, start1, end1, … */
type SpanFinder = (post: NormalizedPost) => number[];

const COMMON_WORDS = new Set(
  (
    'a an and are as at be but by de del el en es for from has have i in is it la las lo los me mi my no not of on or ' +
    'para por que se su the this to un una was we with y you your con al le te tu yo muy mas pero como this that'
  ).split(' '),
);

/** Default rarity estimate, before any post was seen: stop words common, longer words rarer. */
export function defaultTermCost(term: string): number {
  if (COMMON_WORDS.has(term)) return 100;
  return 1 + 8 / Math.max(term.length, 1);
}

/** Document frequencies of terms in recent posts, to anchor queries on terms that are really rare. */
export interface TermStatistics {
  /** Counts the post's distinct terms. */
  observe(post: NormalizedPost): void;
  /** Estimated share of posts containing the term (unseen terms are cheap; stop words stay expensive). */
  cost(term: string): number;
  readonly posts: number;
}

/** Creates a term-frequency sketch with bounded memory (it restarts after `maxTerms` distinct terms). */
export function createTermStatistics(maxTerms = 500_000): TermStatistics {
  let counts = new Map<string, number>();
  let posts = 0;
  return {
    observe(post) {
      if (counts.size > maxTerms) {
        counts = new Map();
        posts = 0;
      }
      posts++;
      for (const term of post.positions.keys()) counts.set(term, (counts.get(term) ?? 0) + 1);
    },
    cost(term) {
      // The tiny static part breaks ties between unseen terms in favour of longer words.
      return ((counts.get(term) ?? 0) + 0.1) / (posts + 1) + defaultTermCost(term) * 1e-6;
    },
    get posts() {
      return posts;
    },
  };
}

const EMPTY: number[] = [];

function positionsOf(post: NormalizedPost, term: string): number[] {
  return post.positions.get(term) ?? EMPTY;
}

function wildcardPositions(post: NormalizedPost, regex: RegExp): number[] {
  let found: number[] | null = null;
  for (const [form, list] of post.positions) {
    if (regex.test(form)) {
      if (found === null) found = [];
      for (const p of list) found.push(p);
    }
  }
  return found ?? EMPTY;
}

function exactPhraseStarts(post: NormalizedPost, words: string[]): number[] {
  const lists = words.map((w) => positionsOf(post, w));
  const starts: number[] = [];
  outer: for (const p of lists[0]) {
    for (let i = 1; i < lists.length; i++) if (!lists[i].includes(p + i)) continue outer;
    starts.push(p);
  }
  return starts;
}

/** Can each word take a distinct position from its list, all within [low, high]? */
function assignDistinct(lists: number[][], low: number, high: number, index: number, used: number[]): boolean {
  if (index === lists.length) return true;
  for (const p of lists[index]) {
    if (p < low || p > high || used.includes(p)) continue;
    used.push(p);
    if (assignDistinct(lists, low, high, index + 1, used)) return true;
    used.pop();
  }
  return false;
}

function proximityMatches(post: NormalizedPost, words: string[], slop: number): boolean {
  const lists = words.map((w) => positionsOf(post, w));
  for (const list of lists) if (list.length === 0) return false;
  const width = words.length - 1 + slop;
  for (const list of lists) {
    for (const start of list) if (assignDistinct(lists, start, start + width, 0, [])) return true;
  }
  return false;
}

function compileSpans(node: QueryNode): SpanFinder {
  switch (node.kind) {
    case 'term': {
      const value = node.value;
      return (post) => {
        const list = positionsOf(post, value);
        const spans: number[] = [];
        for (const p of list) spans.push(p, p);
        return spans;
      };
    }
    case 'wildcard': {
      const regex = node.regex;
      return (post) => {
        const spans: number[] = [];
        for (const p of wildcardPositions(post, regex)) spans.push(p, p);
        return spans;
      };
    }
    case 'phrase': {
      const words = node.words;
      const last = words.length - 1;
      return (post) => {
        const spans: number[] = [];
        for (const p of exactPhraseStarts(post, words)) spans.push(p, p + last);
        return spans;
      };
    }
    case 'or': {
      const parts = node.children.map(compileSpans);
      return (post) => {
        const spans: number[] = [];
        for (const part of parts) for (const x of part(post)) spans.push(x);
        return spans;
      };
    }
    case 'near': {
      const left = compileSpans(node.left);
      const right = compileSpans(node.right);
      const { distance, ordered } = node;
      return (post) => {
        const a = left(post);
        if (a.length === 0) return EMPTY;
        const b = right(post);
        const spans: number[] = [];
        for (let i = 0; i < a.length; i += 2) {
          for (let j = 0; j < b.length; j += 2) {
            const forward = b[j] > a[i + 1] && b[j] - a[i + 1] - 1 <= distance;
            const backward = !ordered && a[i] > b[j + 1] && a[i] - b[j + 1] - 1 <= distance;
            if (forward || backward) spans.push(Math.min(a[i], b[j]), Math.max(a[i + 1], b[j + 1]));
          }
        }
        return spans;
      };
    }
    default:
      throw new Error(`${node.kind} has no spans`);
  }
}

/** Rough verification cost, used to order AND children so cheap tests run first. */
function verifyCost(node: QueryNode): number {
  switch (node.kind) {
    case 'field':
      return 0.5;
    case 'term':
      return 1;
    case 'phrase':
      return node.slop === null ? 3 : 6;
    case 'wildcard':
      return 8;
    case 'near':
      return 10;
    case 'not':
      return verifyCost(node.child);
    case 'and':
    case 'or':
      return node.children.reduce((sum, c) => sum + verifyCost(c), 0);
  }
}

/** Compiles a query tree to a predicate over normalized posts. */
export function compilePredicate(node: QueryNode): Predicate {
  switch (node.kind) {
    case 'term': {
      const value = node.value;
      return (post) => post.positions.has(value);
    }
    case 'wildcard': {
      const regex = node.regex;
      return (post) => {
        for (const form of post.positions.keys()) if (regex.test(form)) return true;
        return false;
      };
    }
    case 'phrase': {
      const words = node.words;
      const slop = node.slop;
      if (slop === null) return (post) => exactPhraseStarts(post, words).length > 0;
      return (post) => proximityMatches(post, words, slop);
    }
    case 'near': {
      const spans = compileSpans(node);
      return (post) => spans(post).length > 0;
    }
    case 'field': {
      const value = node.value;
      switch (node.field) {
        case 'lang':
          return (post) => post.lang === value;
        case 'network':
          return (post) => post.network === value;
        case 'author':
          return (post) => post.author === value;
        case 'site':
          return (post) => post.sites.includes(value);
      }
      break;
    }
    case 'not': {
      const inner = compilePredicate(node.child);
      return (post) => !inner(post);
    }
    case 'and': {
      const parts = [...node.children].sort((x, y) => verifyCost(x) - verifyCost(y)).map(compilePredicate);
      return (post) => {
        for (const part of parts) if (!part(post)) return false;
        return true;
      };
    }
    case 'or': {
      const parts = [...node.children].sort((x, y) => verifyCost(x) - verifyCost(y)).map(compilePredicate);
      return (post) => {
        for (const part of parts) if (part(post)) return true;
        return false;
      };
    }
  }
}

interface Anchors {
  keys: string[];
  cost: number;
}

/** The anchor keys of a query: every post it matches contains at least one of them. */
export function anchorsOf(node: QueryNode, termCost: (term: string) => number = defaultTermCost): Anchors | null {
  switch (node.kind) {
    case 'term':
      return { keys: [node.value], cost: termCost(node.value) };
    case 'phrase': {
      let best = node.words[0];
      for (const word of node.words) if (termCost(word) < termCost(best)) best = word;
      return { keys: [best], cost: termCost(best) };
    }
    case 'field':
      if (node.field === 'author') return { keys: [`author:${node.value}`], cost: 0.5 };
      if (node.field === 'site') return { keys: [`site:${node.value}`], cost: 0.5 };
      return null;
    case 'wildcard':
    case 'not':
      return null;
    case 'near':
      return cheapest([anchorsOf(node.left, termCost), anchorsOf(node.right, termCost)]);
    case 'and':
      return cheapest(node.children.map((child) => anchorsOf(child, termCost)));
    case 'or': {
      const keys: string[] = [];
      let cost = 0;
      for (const child of node.children) {
        const anchors = anchorsOf(child, termCost);
        if (anchors === null) return null;
        for (const key of anchors.keys) if (!keys.includes(key)) keys.push(key);
        cost += anchors.cost;
      }
      return { keys, cost };
    }
  }
}

function cheapest(options: (Anchors | null)[]): Anchors | null {
  let best: Anchors | null = null;
  for (const option of options) if (option !== null && (best === null || option.cost < best.cost)) best = option;
  return best;
}

interface CompiledQuery {
  id: string;
  order: number;
  node: QueryNode;
  predicate: Predicate;
  anchors: string[];
  lastPost: number;
}

/** Compiles saved queries into a matcher. Throws QueryParseError on the first bad query. */
export function createMatcher(queries: SavedQuery[] = [], options: MatcherOptions = {}): Matcher {
  let termCost = options.termCost ?? defaultTermCost;
  const byId = new Map<string, CompiledQuery>();
  const index = new Map<string, CompiledQuery[]>();
  const stats = { posts: 0, candidates: 0 };
  let nextOrder = 0;
  // A per-query stamp avoids verifying a query twice per post without allocating a Set per post.
  let postStamp = 0;

  function remove(id: string): boolean {
    const existing = byId.get(id);
    if (!existing) return false;
    byId.delete(id);
    for (const key of existing.anchors) {
      const list = index.get(key);
      if (!list) continue;
      const rest = list.filter((q) => q !== existing);
      if (rest.length) index.set(key, rest);
      else index.delete(key);
    }
    return true;
  }

  function add(saved: SavedQuery): void {
    const node = typeof saved.query === 'string' ? parseQuery(saved.query) : saved.query;
    const anchors = anchorsOf(node, termCost);
    if (anchors === null) throw new Error(`query ${saved.id} has no anchor terms`);
    remove(saved.id);
    const compiled: CompiledQuery = {
      id: saved.id,
      order: nextOrder++,
      node,
      predicate: compilePredicate(node),
      anchors: anchors.keys,
      lastPost: 0,
    };
    byId.set(saved.id, compiled);
    for (const key of anchors.keys) {
      const list = index.get(key);
      if (list) list.push(compiled);
      else index.set(key, [compiled]);
    }
  }

  function visit(key: string, post: NormalizedPost, hits: CompiledQuery[]): void {
    const list = index.get(key);
    if (list === undefined) return;
    for (const query of list) {
      if (query.lastPost === postStamp) continue;
      query.lastPost = postStamp;
      stats.candidates++;
      if (query.predicate(post)) hits.push(query);
    }
  }

  function match(post: NormalizedPost): string[] {
    postStamp++;
    stats.posts++;
    const hits: CompiledQuery[] = [];
    for (const key of post.positions.keys()) visit(key, post, hits);
    if (post.author) visit(`author:${post.author}`, post, hits);
    for (const site of post.sites) visit(`site:${site}`, post, hits);
    if (hits.length > 1) hits.sort((x, y) => x.order - y.order);
    return hits.map((q) => q.id);
  }

  function reanchor(cost: (term: string) => number): void {
    termCost = cost;
    index.clear();
    for (const compiled of byId.values()) {
      compiled.anchors = anchorsOf(compiled.node, termCost)?.keys ?? [];
      for (const key of compiled.anchors) {
        const list = index.get(key);
        if (list) list.push(compiled);
        else index.set(key, [compiled]);
      }
    }
  }

  for (const query of queries) add(query);
  return {
    match,
    add,
    remove,
    reanchor,
    get size() {
      return byId.size;
    },
    stats,
  };
}
