import { Anchor, type AnchorProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { safeHref } from './safe-link.ts';

/**
 * A link to an address that comes from data (networks, feeds, users): rendered only when the
 * address is http(s), opened in a new tab without opener or referrer. Otherwise `fallback`
 * (nothing by default) is shown instead, so a `javascript:` URL never becomes an href.
 */
export function ExternalLink({
  href,
  children,
  fallback = null,
  ...props
}: AnchorProps & { href: string | null | undefined; children: ReactNode; fallback?: ReactNode; 'data-testid'?: string }) {
  const safe = safeHref(href);
  if (!safe) return <>{fallback}</>;
  return (
    <Anchor {...props} href={safe} target="_blank" rel="noopener noreferrer">
      {children}
    </Anchor>
  );
}
