/**
 * Bluesky's listening sources: the relay firehose (com.atproto.sync.subscribeRepos) and
 * Jetstream (its JSON rendition), each with its settings schema and form fields.
 */
import { z } from 'zod';
import type { ListeningSourceKind } from '../../../modules/listening/sources/types.ts';
import { blueskyFirehoseSource } from './firehose.ts';
import { jetstreamSource } from './jetstream.ts';

/** The relay's firehose: every public Bluesky post, in CBOR frames, resumable by sequence number. */
export const blueskyFirehoseKind: ListeningSourceKind = {
  kind: blueskyFirehoseSource.kind,
  network: 'bluesky',
  label: { en: 'Bluesky firehose', es: 'Firehose de Bluesky' },
  config: z.object({ serviceUrl: z.string().url().max(500) }),
  fields: [
    {
      name: 'serviceUrl',
      input: 'url',
      required: true,
      default: 'wss://bsky.network',
      label: { en: 'Firehose service URL', es: 'URL del servicio del firehose' },
    },
  ],
  targetKeys: ['serviceUrl'],
  urlField: 'serviceUrl',
  streamUrl: true,
  storeUnmatched: false,
  adapter: blueskyFirehoseSource,
};

/** Jetstream: the same posts as JSON over a WebSocket, resumable by time. */
export const blueskyJetstreamKind: ListeningSourceKind = {
  kind: jetstreamSource.kind,
  network: 'bluesky',
  label: { en: 'Bluesky Jetstream', es: 'Jetstream de Bluesky' },
  config: z.object({ url: z.string().url().max(500) }),
  fields: [
    {
      name: 'url',
      input: 'url',
      required: true,
      default: 'wss://jetstream2.us-east.bsky.network/subscribe',
      label: { en: 'Jetstream URL', es: 'URL de Jetstream' },
    },
  ],
  targetKeys: ['url'],
  urlField: 'url',
  streamUrl: true,
  storeUnmatched: false,
  adapter: jetstreamSource,
};

/** Bluesky's listening source kinds. */
export const BLUESKY_LISTENING_SOURCES: ListeningSourceKind[] = [blueskyFirehoseKind, blueskyJetstreamKind];
