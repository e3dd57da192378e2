/**
 * Who engaged with a Mastodon status: favourites (GET /api/v1/statuses/:id/favourited_by),
 * boosts (/reblogged_by), the authors of quotes (/quotes, Mastodon 4.5+), all paged
 * through the Link header, and direct replies (/context descendants whose
 * in_reply_to_id is the status). Whether each one follows the channel comes from
 * GET /api/v1/accounts/relationships (`followed_by`).
 * https://docs.joinmastodon.org/methods/statuses/ and /methods/accounts/#relationships
 */
import { MAX_ENGAGERS_PER_POST, NetworkError, type PostEngagers } from '../types.ts';
import type { MastodonAccount, MastodonContext, MastodonStatus } from './entities.ts';
import type { MastodonRequestFn } from './http.ts';

/** Mastodon's maximum page sizes: account lists, and the statuses quoting a status. */
const ACCOUNTS_PAGE = 80;
const QUOTES_PAGE = 40;
/** Ids per relationships request (kept well under URL length limits). */
const RELATIONSHIPS_BATCH = 40;

interface MastodonRelationship {
  id: string;
  followed_by: boolean;
}

/** The query of the Link header's rel="next" URL, or null on the last page. */
export function nextPageQuery(link: string | null): Array<[string, string]> | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const match = part.match(/<([^>]+)>\s*;\s*rel="?next"?/);
    if (match) return [...new URL(match[1]!).searchParams.entries()];
  }
  return null;
}

/** Reads a Link-paged list, enough pages to fill the cap; returns whether more remained. */
async function readPagedList<T>(
  request: MastodonRequestFn,
  path: string,
  pageSize: number,
  onPage: (items: T[]) => void,
): Promise<boolean> {
  let query: Array<[string, string]> | null = [['limit', String(pageSize)]];
  for (let page = 0; query && page < Math.ceil(MAX_ENGAGERS_PER_POST / pageSize); page++) {
    const response: { body: T[]; headers: Headers } = await request<T[]>({ method: 'GET', path, query });
    onPage(response.body);
    query = response.body.length ? nextPageQuery(response.headers.get('link')) : null;
  }
  return query !== null;
}

/** Quotes of the status (https://docs.joinmastodon.org/methods/statuses/#quotes); a server before 4.5 answers 404, i.e. none. */
async function readQuotes(request: MastodonRequestFn, path: string, onPage: (quotes: MastodonStatus[]) => void): Promise<boolean> {
  try {
    return await readPagedList(request, `${path}/quotes`, QUOTES_PAGE, onPage);
  } catch (error) {
    if (error instanceof NetworkError && error.details.status === 404) return false;
    throw error;
  }
}

export async function fetchMastodonEngagers(request: MastodonRequestFn, statusId: string): Promise<PostEngagers> {
  const path = `/api/v1/statuses/${encodeURIComponent(statusId)}`;
  const { body: status } = await request<MastodonStatus>({ method: 'GET', path });
  const ids: string[] = [];
  const seen = new Set<string>([status.account.id]); // the channel's own thread replies are not engagement
  let truncated = false;
  const add = (account: MastodonAccount) => {
    if (seen.has(account.id)) return;
    seen.add(account.id);
    if (ids.length >= MAX_ENGAGERS_PER_POST) truncated = true;
    else ids.push(account.id);
  };

  for (const list of ['favourited_by', 'reblogged_by']) {
    if (await readPagedList<MastodonAccount>(request, `${path}/${list}`, ACCOUNTS_PAGE, (accounts) => accounts.forEach(add)))
      truncated = true;
  }
  if (
    await readQuotes(request, path, (quotes) => {
      for (const quote of quotes) add(quote.account);
    })
  )
    truncated = true;
  const { body: context } = await request<MastodonContext>({ method: 'GET', path: `${path}/context` });
  for (const reply of context.descendants) if (reply.in_reply_to_id === status.id) add(reply.account);

  const followers = new Set<string>();
  for (let start = 0; start < ids.length; start += RELATIONSHIPS_BATCH) {
    const batch = ids.slice(start, start + RELATIONSHIPS_BATCH);
    const { body } = await request<MastodonRelationship[]>({
      method: 'GET',
      path: '/api/v1/accounts/relationships',
      query: batch.map((id) => ['id[]', id]),
    });
    for (const relationship of body) if (relationship.followed_by) followers.add(relationship.id);
  }
  return { accounts: ids.map((id) => ({ id, follower: followers.has(id) })), truncated };
}
