/**
 * Networks whose inbox pushes are Meta webhooks, signed with the app's own secret (Threads: the
 * Threads app secret): their channel cards offer the push set-up with the app-secret field
 * (MetaPushSecret.tsx). test/web-meta-push-networks.test.ts keeps it equal to the adapters that
 * verify Meta's signature.
 */
export const META_PUSH_NETWORKS: ReadonlySet<string> = new Set(['facebook', 'instagram', 'threads']);
