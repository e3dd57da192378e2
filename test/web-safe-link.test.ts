// The web app's own check of hrefs built from data (issue 10, finding 7).
import { describe, expect, it } from 'vitest';
import { safeHref } from '../web/src/shared/safe-link.ts';
import { httpUrlOrNull } from '../src/lib/safe-url.ts';

const SAFE = [
  'https://mastodon.social/@cafe/1',
  'http://example.org',
  'HTTPS://EXAMPLE.ORG/a?b=c#d',
  'https://bsky.app/profile/x.test/post/3k',
];
const UNSAFE = [
  'javascript:alert(1)',
  'JAVASCRIPT:alert(1)',
  ' javascript:alert(1)',
  '\njavascript:alert(1)',
  'java\nscript:alert(1)',
  'javascript://%0aalert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  '//evil.example',
  '/posts/1',
  'https:evil.example',
  '',
];

describe('safeHref (web)', () => {
  it('keeps http(s) URLs unchanged', () => {
    for (const url of SAFE) expect(safeHref(url)).toBe(url);
  });
  it('refuses every other scheme and relative or malformed addresses', () => {
    for (const url of UNSAFE) expect(safeHref(url), JSON.stringify(url)).toBeNull();
    expect(safeHref(null)).toBeNull();
    expect(safeHref(undefined)).toBeNull();
  });
  it('agrees with the server-side rule', () => {
    for (const url of [...SAFE, ...UNSAFE]) expect(safeHref(url), JSON.stringify(url)).toBe(httpUrlOrNull(url));
  });
});
