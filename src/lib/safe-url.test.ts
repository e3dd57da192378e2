import { describe, expect, it } from 'vitest';
import { httpUrlOrNull } from './safe-url.ts';

describe('httpUrlOrNull (links from network data)', () => {
  it('keeps absolute http(s) URLs as they are', () => {
    for (const url of ['https://mastodon.social/@cafe/1', 'http://example.org', 'HTTPS://EXAMPLE.ORG/a?b=c#d'])
      expect(httpUrlOrNull(url)).toBe(url);
  });

  it('drops every other scheme, obfuscated ones included, and garbage', () => {
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(document.cookie)',
      ' javascript:alert(1)',
      '\tjavascript:alert(1)',
      'java\tscript:alert(1)',
      'javascript&colon;alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      '//evil.example/x',
      '/relative',
      'https//missing-colon',
      'http://',
      'ftp://example.org/file',
      '',
    ])
      expect(httpUrlOrNull(url), url).toBeNull();
    expect(httpUrlOrNull(null)).toBeNull();
    expect(httpUrlOrNull(undefined)).toBeNull();
  });
});
