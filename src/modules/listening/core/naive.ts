/**
 * The naive evaluator: every query on every post, by walking the query tree over the post's
 * positions. It is written independently of the compiled matcher (it scans positions instead of
 * looking terms up) and serves as the baseline in the benchmark and the oracle in tests. The
 * semantics are documented in matcher.ts.
 */
import { parseQuery, type QueryNode } from './query-language.ts';
import type { NormalizedPost } from './tokenize.ts';
import type { SavedQuery } from './matcher.ts';

/** A post seen position by position: the searchable forms at each position. */
interface PositionView {
  post: NormalizedPost;
  forms: string[][];
}

function viewOf(post: NormalizedPost): PositionView {
  const forms: string[][] = post.tokens.map(() => []);
  for (const [form, list] of post.positions) for (const p of list) forms[p].push(form);
  return { post, forms };
}

function hasForm(view: PositionView, position: number, predicate: (form: string) => boolean): boolean {
  const here = view.forms[position];
  if (here === undefined) return false;
  for (const form of here) if (predicate(form)) return true;
  return false;
}

function leafTest(node: QueryNode): (form: string) => boolean {
  if (node.kind === 'term') return (form) => form === node.value;
  if (node.kind === 'wildcard') return (form) => node.regex.test(form);
  throw new Error(`${node.kind} is not a leaf`);
}

/** All [start, end] spans where a positional node matches. */
function spans(view: PositionView, node: QueryNode): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const length = view.forms.length;
  switch (node.kind) {
    case 'term':
    case 'wildcard': {
      const test = leafTest(node);
      for (let p = 0; p < length; p++) if (hasForm(view, p, test)) out.push([p, p]);
      return out;
    }
    case 'phrase': {
      const k = node.words.length;
      for (let p = 0; p + k <= length; p++) {
        let ok = true;
        for (let i = 0; i < k && ok; i++) ok = hasForm(view, p + i, (form) => form === node.words[i]);
        if (ok) out.push([p, p + k - 1]);
      }
      return out;
    }
    case 'or':
      for (const child of node.children) out.push(...spans(view, child));
      return out;
    case 'near': {
      const left = spans(view, node.left);
      const right = spans(view, node.right);
      for (const [as, ae] of left) {
        for (const [bs, be] of right) {
          const rightAfter = bs > ae && bs - ae - 1 <= node.distance;
          const rightBefore = as > be && as - be - 1 <= node.distance;
          if (rightAfter || (!node.ordered && rightBefore)) out.push([Math.min(as, bs), Math.max(ae, be)]);
        }
      }
      return out;
    }
    default:
      throw new Error(`${node.kind} has no spans`);
  }
}

/** Words at distinct positions inside [start, start + width]? Tries every assignment. */
function proximity(view: PositionView, words: string[], slop: number): boolean {
  const width = words.length - 1 + slop;
  for (let start = 0; start < view.forms.length; start++) {
    const candidates = words.map((word) => {
      const found: number[] = [];
      for (let p = start; p <= start + width && p < view.forms.length; p++) {
        if (hasForm(view, p, (form) => form === word)) found.push(p);
      }
      return found;
    });
    const used = new Set<number>();
    const place = (i: number): boolean => {
      if (i === words.length) return true;
      for (const p of candidates[i]) {
        if (used.has(p)) continue;
        used.add(p);
        if (place(i + 1)) return true;
        used.delete(p);
      }
      return false;
    };
    if (place(0)) return true;
  }
  return false;
}

function evaluate(view: PositionView, node: QueryNode): boolean {
  switch (node.kind) {
    case 'term':
    case 'wildcard':
    case 'near':
      return spans(view, node).length > 0;
    case 'phrase':
      return node.slop === null ? spans(view, node).length > 0 : proximity(view, node.words, node.slop);
    case 'field':
      switch (node.field) {
        case 'lang':
          return view.post.lang === node.value;
        case 'network':
          return view.post.network === node.value;
        case 'author':
          return view.post.author === node.value;
        case 'site':
          return view.post.sites.includes(node.value);
      }
      return false;
    case 'not':
      return !evaluate(view, node.child);
    case 'and':
      return node.children.every((child) => evaluate(view, child));
    case 'or':
      return node.children.some((child) => evaluate(view, child));
  }
}

/** True when the query tree matches the post, evaluated the slow, obvious way. */
export function naiveMatches(node: QueryNode, post: NormalizedPost): boolean {
  return evaluate(viewOf(post), node);
}

/** A naive matcher over many queries: every query is evaluated on every post. */
export function createNaiveMatcher(queries: SavedQuery[]): { match(post: NormalizedPost): string[]; readonly size: number } {
  const parsed = queries.map((q) => ({ id: q.id, node: typeof q.query === 'string' ? parseQuery(q.query) : q.query }));
  return {
    match(post) {
      const view = viewOf(post);
      const ids: string[] = [];
      for (const query of parsed) if (evaluate(view, query.node)) ids.push(query.id);
      return ids;
    },
    get size() {
      return parsed.length;
    },
  };
}
