/**
 * Mastodon's listening source: an instance's public, local or hashtag timeline streamed
 * (Server-Sent Events, caught up over REST), or a search polled; with its settings and form fields.
 */
import { z } from 'zod';
import type { ListeningSourceKind } from '../../../modules/listening/sources/types.ts';
import { mastodonSource } from './source.ts';

const intervalMinutes = z.number().int().min(1).max(1440);

/** A Mastodon instance's timeline (stream) or a search on it (polled). */
export const mastodonSourceKind: ListeningSourceKind = {
  kind: mastodonSource.kind,
  network: 'mastodon',
  label: { en: 'Mastodon', es: 'Mastodon' },
  config: z.object({
    instanceUrl: z.string().url().max(500),
    mode: z.enum(['stream', 'search']),
    timeline: z.enum(['public', 'local', 'hashtag']).optional(),
    hashtag: z.string().max(100).optional(),
    q: z.string().max(500).optional(),
    accessToken: z.string().max(500).optional(),
    intervalMinutes: intervalMinutes.optional(),
  }),
  fields: [
    { name: 'instanceUrl', input: 'url', required: true, label: { en: 'Instance URL', es: 'URL de la instancia' } },
    {
      name: 'mode',
      input: 'select',
      required: true,
      default: 'stream',
      label: { en: 'Mode', es: 'Modo' },
      options: [
        { value: 'stream', label: { en: 'Live stream', es: 'Flujo en directo' } },
        { value: 'search', label: { en: 'Search (polled)', es: 'Búsqueda (periódica)' } },
      ],
    },
    {
      name: 'timeline',
      input: 'select',
      required: false,
      default: 'public',
      label: { en: 'Timeline', es: 'Cronología' },
      options: [
        { value: 'public', label: { en: 'Federated (public)', es: 'Federada (pública)' } },
        { value: 'local', label: { en: 'This instance only', es: 'Solo esta instancia' } },
        { value: 'hashtag', label: { en: 'Hashtag', es: 'Etiqueta' } },
      ],
      when: { field: 'mode', equals: ['stream'] },
    },
    {
      name: 'hashtag',
      input: 'text',
      required: true,
      label: { en: 'Hashtag', es: 'Etiqueta' },
      stripPrefix: '#',
      when: { field: 'timeline', equals: ['hashtag'] },
    },
    {
      name: 'q',
      input: 'text',
      required: true,
      label: { en: 'Search terms', es: 'Términos de búsqueda' },
      when: { field: 'mode', equals: ['search'] },
    },
    {
      name: 'accessToken',
      input: 'secret',
      required: false,
      label: { en: 'Access token', es: 'Token de acceso' },
      help: { en: 'Optional; stored sealed and never shown again.', es: 'Opcional; se guarda cifrado y no se vuelve a mostrar.' },
    },
    {
      name: 'intervalMinutes',
      input: 'number',
      required: false,
      min: 1,
      max: 1440,
      label: { en: 'Check every (minutes)', es: 'Comprobar cada (minutos)' },
    },
  ],
  targetKeys: ['instanceUrl', 'mode', 'timeline', 'hashtag', 'q'],
  urlField: 'instanceUrl',
  streamUrl: false,
  storeUnmatched: false,
  check(config) {
    if (config.mode === 'search' && !config.q) return { field: 'q', message: 'A Mastodon search needs "q"' };
    if (config.timeline === 'hashtag' && !config.hashtag) return { field: 'hashtag', message: 'A hashtag timeline needs "hashtag"' };
    return null;
  },
  adapter: mastodonSource,
};

/** Mastodon's listening source kinds. */
export const MASTODON_LISTENING_SOURCES: ListeningSourceKind[] = [mastodonSourceKind];
