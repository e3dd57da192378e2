/**
 * What publishing costs on X's pay-per-usage API, estimated before scheduling (a pure function
 * the composer can call: no network, no clock).
 */
import type { ApiCostEstimate, PublishInput } from '../types.ts';
import { hasUrl } from './text.ts';

/**
 * X API unit prices in US dollars. Source: docs.x.com/x-api/getting-started/pricing, "Credit
 * consumption details", as published on 2026-12-05. X changes them; the Developer Console shows
 * the current ones. Writes are charged per request, reads per resource returned.
 */
export const X_API_PRICES = {
  source: 'https://docs.x.com/x-api/getting-started/pricing',
  asOf: '2026-12-05',
  usd: {
    /** "Content: Create": a post (or reply) without a link. */
    postCreate: 0.015,
    /** "Content: Create (with URL)": a post whose text has a link. */
    postCreateWithUrl: 0.2,
    /** "Content: Manage": counted here for every media upload request (initialize, append, finalize, status, alt text); an upper bound. */
    contentManage: 0.005,
    /** "Interaction: Delete". */
    delete: 0.01,
    /** "Posts: Read", per post returned (metrics, reconcile look-ups, mentions). */
    postRead: 0.005,
    /** "User: Read", per user returned (health checks). */
    userRead: 0.01,
  },
} as const;

/** The bytes one APPEND request carries (the adapter's chunk size). */
export const X_UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024;

export type XCallType = keyof typeof X_API_PRICES.usd;

export interface XApiCostEstimate {
  /** Requests by kind, with the unit price and their cost. */
  calls: Array<{ type: XCallType; count: number; unitUsd: number; usd: number }>;
  /** Total in US dollars, rounded to a tenth of a cent. */
  totalUsd: number;
  /** Posts in the publication that carry a link (billed at the higher rate). */
  postsWithLinks: number;
  pricesAsOf: string;
}

type CostInput = Pick<PublishInput, 'text' | 'media' | 'thread' | 'firstComment'>;

function mediaRequests(media: CostInput['media']): number {
  let requests = 0;
  for (const item of media) {
    const chunks = Math.max(1, Math.ceil(item.size / X_UPLOAD_CHUNK_BYTES));
    // initialize + appends + finalize; video adds at least one status check; alt text one metadata call.
    requests += 2 + chunks + (item.kind === 'video' ? 1 : 0) + (item.alt ? 1 : 0);
  }
  return requests;
}

/** The calls and dollars one publication costs on X (posts with links cost more). */
export function estimateXApiCost(input: CostInput): XApiCostEstimate {
  const parts = [{ text: input.text, media: input.media }, ...(input.thread ?? [])];
  if (input.firstComment) parts.push({ text: input.firstComment, media: [] });
  const counts: Partial<Record<XCallType, number>> = {};
  const add = (type: XCallType, n: number) => {
    if (n > 0) counts[type] = (counts[type] ?? 0) + n;
  };
  let postsWithLinks = 0;
  for (const part of parts) {
    if (hasUrl(part.text)) {
      postsWithLinks += 1;
      add('postCreateWithUrl', 1);
    } else {
      add('postCreate', 1);
    }
    add('contentManage', mediaRequests(part.media));
  }
  const calls = (Object.keys(counts) as XCallType[]).map((type) => {
    const count = counts[type] ?? 0;
    const unitUsd = X_API_PRICES.usd[type];
    return { type, count, unitUsd, usd: round(count * unitUsd) };
  });
  return {
    calls,
    totalUsd: round(calls.reduce((sum, call) => sum + call.count * call.unitUsd, 0)),
    postsWithLinks,
    pricesAsOf: X_API_PRICES.asOf,
  };
}

function round(usd: number): number {
  return Math.round(usd * 1000) / 1000;
}

/** The estimate in the adapters' shared shape (NetworkAdapter.estimateApiCost). */
export function xApiCost(input: CostInput): ApiCostEstimate {
  const estimate = estimateXApiCost(input);
  return {
    currency: 'USD',
    total: estimate.totalUsd,
    calls: estimate.calls.map((call) => ({ type: call.type, count: call.count, unitPrice: call.unitUsd, amount: call.usd })),
    postsWithLinks: estimate.postsWithLinks,
    pricesAsOf: X_API_PRICES.asOf,
    pricesSource: X_API_PRICES.source,
  };
}
