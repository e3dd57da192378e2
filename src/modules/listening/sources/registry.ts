/**
 * Every kind of listening source, once: the networks' own (declared in their folders and
 * gathered by networks/index.ts) and the generic ones here (feeds, a channel's mentions).
 * The API's config rules, the listener's runners and the web app's form all read this list.
 */
import { networkListeningSources } from '../../../networks/index.ts';
import { channelMentionsSourceKind } from './channel-mentions.ts';
import { rssSourceKind } from './rss.ts';
import type { ListeningSourceKind, SourceAdapter } from './types.ts';

/** All source kinds a source can be created with, networks' first. */
export const LISTENING_SOURCE_KINDS: readonly ListeningSourceKind[] = [
  ...networkListeningSources(),
  rssSourceKind,
  channelMentionsSourceKind,
];

const byKind = new Map(LISTENING_SOURCE_KINDS.map((definition) => [definition.kind, definition]));
if (byKind.size !== LISTENING_SOURCE_KINDS.length) throw new Error('Two listening source kinds share a name');

/** The definition of a kind, or undefined for kinds that cannot be created (CSV imports) or unknown ones. */
export function listeningSourceKind(kind: string): ListeningSourceKind | undefined {
  return byKind.get(kind);
}

/** The names of the kinds a source can be created with. */
export const SOURCE_KIND_NAMES: readonly string[] = LISTENING_SOURCE_KINDS.map((definition) => definition.kind);

/** Source runners by kind (CSV imports have no runner: they arrive through the API). */
export const SOURCE_ADAPTERS: Record<string, SourceAdapter> = Object.fromEntries(
  LISTENING_SOURCE_KINDS.map((definition) => [definition.kind, definition.adapter]),
);

/** Kinds whose items are all stored, matched or not (curated sources and CSV imports). Streams keep matches only. */
export const STORE_UNMATCHED_KINDS: ReadonlySet<string> = new Set([
  ...LISTENING_SOURCE_KINDS.filter((definition) => definition.storeUnmatched).map((definition) => definition.kind),
  'csv',
]);

/** Networks whose adapter reads a channel's mentions and replies (what a channel field may pick). */
export function mentionNetworks(ctx: { networks: { list(): Array<{ name: string; fetchMentions?: unknown }> } }): string[] {
  return ctx.networks
    .list()
    .filter((adapter) => typeof adapter.fetchMentions === 'function')
    .map((adapter) => adapter.name);
}

/**
 * The form of every kind as the web app reads it (GET /listening/source-kinds). A channel field
 * lists the networks it accepts, so the form offers only channels the source can read.
 */
export function sourceKindForms(channelNetworks: string[]) {
  return LISTENING_SOURCE_KINDS.map((definition) => ({
    kind: definition.kind,
    network: definition.network,
    label: definition.label,
    fields: definition.fields.map((field) => (field.input === 'channel' ? { ...field, networks: channelNetworks } : field)),
    targetKeys: [...definition.targetKeys],
    urlField: definition.urlField,
  }));
}
