/**
 * LinkedIn's Comments API (`/rest/socialActions/{target}/comments`) as the adapter and the inbox
 * read it: the comment shape, its URN, and the comments on a post (first level) or on a comment
 * (the nested ones: LinkedIn nests one level, so a nested comment's `parentComment` is always a
 * first-level comment). Pages are read with Rest.li's `start` and `count`, in whatever order
 * LinkedIn answers; callers filter by time themselves.
 */
import { LINKEDIN_API, encodeUrn, restliQuery, type LinkedInRequestFn } from './api.ts';

/** One comment as the Comments API answers it (only the fields Plaza reads). */
export interface LinkedInComment {
  id?: string;
  commentUrn?: string;
  $URN?: string;
  /** Who wrote it: `urn:li:person:…` or `urn:li:organization:…`. */
  actor?: string;
  /** The post it is on (`urn:li:share:…`, `urn:li:ugcPost:…` or `urn:li:activity:…`). */
  object?: string;
  message?: { text?: string };
  created?: { time?: number };
  /** Nested comments: the first-level comment it answers. */
  parentComment?: string;
  commentsSummary?: { aggregatedTotalComments?: number; totalFirstLevelComments?: number };
}

/** Comments per page (LinkedIn's largest page). */
export const COMMENTS_PAGE = 100;

/** The comment's URN, whichever field LinkedIn filled. */
export const commentUrnOf = (comment: LinkedInComment): string | undefined => comment.$URN ?? comment.commentUrn ?? comment.id;

/** The comment's numeric id, the last element of its URN `urn:li:comment:(<post>,<id>)`. */
export function commentIdOf(urn: string): string {
  const match = /,([^,()]+)\)$/.exec(urn);
  return match ? match[1]! : urn;
}

/** The public address of a post. */
export const postUrl = (urn: string): string => `https://www.linkedin.com/feed/update/${urn}/`;

/** The public address of a comment: its post's page, opened at the comment. */
export const commentUrl = (postUrn: string, commentUrn: string): string =>
  `${postUrl(postUrn)}?commentUrn=${encodeURIComponent(commentUrn)}`;

/** The comments on `target` (a post: its first-level comments; a comment: its nested ones), at most `maxPages` pages. */
export async function listComments(request: LinkedInRequestFn, target: string, maxPages = 1): Promise<LinkedInComment[]> {
  const found: LinkedInComment[] = [];
  for (let page = 0; page < maxPages; page += 1) {
    const query = restliQuery([
      ['start', String(page * COMMENTS_PAGE)],
      ['count', String(COMMENTS_PAGE)],
    ]);
    const { body } = await request<{ elements?: LinkedInComment[]; paging?: { total?: number } }>({
      method: 'GET',
      url: `${LINKEDIN_API.rest}/socialActions/${encodeUrn(target)}/comments?${query}`,
    });
    const elements = body?.elements ?? [];
    found.push(...elements);
    const total = body?.paging?.total;
    if (elements.length < COMMENTS_PAGE || (total !== undefined && found.length >= total)) break;
  }
  return found;
}
