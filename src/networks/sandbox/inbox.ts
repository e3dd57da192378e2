/**
 * The sandbox's inbox: what its simulated audience writes to an account (replies under its
 * posts, mentions, direct messages) and how it answers back when the account replies. Like the
 * rest of the audience, generated items are a pure function of the seed and the clock; only the
 * account's own replies and actions (like, hide, delete, mute, block) are state, kept per network.
 */
import { DAY_MS, dayIndex, simulatedAuthor, type Sentiment } from './audience.ts';
import { unitHash } from './prng.ts';
import type { SandboxNetwork } from './simulator.ts';

export type SandboxInboxKind = 'comment' | 'reply' | 'mention' | 'direct_message';

/** One thing in the account's inbox, as the sandbox API shows it. */
export interface SandboxInboxItem {
  id: string;
  kind: SandboxInboxKind;
  threadId: string;
  postId: string | null;
  inReplyTo: string | null;
  authorHandle: string;
  authorName: string;
  text: string;
  createdAt: number;
  language: 'es' | 'en';
  /** What the simulator meant (demos compare it with Plaza's classifier). */
  sentiment: Sentiment;
  fromUs: boolean;
}

/** A reply the account sent from Plaza. */
export interface SandboxInboxReply {
  id: string;
  marker: string;
  targetId: string;
  threadId: string;
  mode: 'public' | 'private' | 'direct_message';
  text: string;
  /** Who is answered: the audience member who may write back. */
  toHandle: string;
  createdAt: number;
  deletedAt: number | null;
}

export const SANDBOX_INBOX_ACTIONS = ['like', 'unlike', 'hide', 'unhide', 'delete', 'mute', 'block'] as const;
export type SandboxInboxAction = (typeof SANDBOX_INBOX_ACTIONS)[number];

const DM_TEMPLATES: Record<'es' | 'en', Record<Sentiment, string[]>> = {
  es: {
    positive: [
      'Hola, solo quería deciros que el pedido llegó perfecto. ¡Gracias!',
      'Me encantó la atención en la tienda, de verdad. Un diez.',
      '¡Enhorabuena por el nuevo local! Pasaré esta semana.',
    ],
    neutral: [
      'Hola, ¿tenéis disponibilidad para un pedido de 20 unidades?',
      '¿Cuál es el horario de atención en festivos?',
      'Buenas, ¿hacéis envíos a Portugal? ¿Cuánto cuesta?',
      '¿Puedo cambiar la dirección de entrega de mi pedido?',
    ],
    negative: [
      'Llevo una semana esperando el reembolso y nadie me contesta.',
      'El producto llegó dañado y el teléfono de atención no funciona.',
      'Pues a mí no me funcionó, quiero devolverlo.',
    ],
  },
  en: {
    positive: [
      'Hi! Just wanted to say my order arrived in perfect shape. Thanks!',
      'Loved the service at your shop today, really.',
      'Congrats on the new place! I will drop by this week.',
    ],
    neutral: [
      'Hi, do you have stock for an order of 20 units?',
      'What are your opening hours on public holidays?',
      'Hello, do you ship to Portugal? How much is it?',
      'Can I change the delivery address of my order?',
    ],
    negative: [
      'I have been waiting a week for my refund and nobody answers.',
      'The product arrived damaged and your phone line does not work.',
      "It didn't work for me, I want to return it.",
    ],
  },
};

const FOLLOW_UP_TEMPLATES: Record<'es' | 'en', Record<Sentiment, string[]>> = {
  es: {
    positive: ['¡Gracias por responder tan rápido!', 'Genial, muchas gracias 🙌', 'Perfecto, así da gusto.'],
    neutral: ['Vale, lo miro y os digo.', 'Entendido. ¿Y para el mes que viene?', 'Ok, gracias.'],
    negative: ['Sigue sin funcionar, la verdad.', 'Eso ya lo probé y nada.'],
  },
  en: {
    positive: ['Thanks for the quick answer!', 'Great, thank you so much 🙌', 'Perfect, that is how it should be.'],
    neutral: ['Ok, I will check and let you know.', 'Understood. And for next month?', 'Ok, thanks.'],
    negative: ['Still not working, honestly.', 'I already tried that, nothing.'],
  },
};

function pick<T>(items: readonly T[], u: number): T {
  return items[Math.min(items.length - 1, Math.floor(u * items.length))];
}

function toneOf(seed: number, key: string): { language: 'es' | 'en'; sentiment: Sentiment } {
  const language = unitHash(seed, 'inbox-lang', key) < 0.65 ? 'es' : 'en';
  const u = unitHash(seed, 'inbox-sentiment', key);
  return { language, sentiment: u < 0.35 ? 'positive' : u < 0.7 ? 'neutral' : 'negative' };
}

/** Direct messages to the account on one UTC day (0–2), at fixed times within it; one thread per person. */
export function directMessagesOnDay(seed: number, handle: string, day: number): SandboxInboxItem[] {
  const perDay = Math.floor(unitHash(seed, 'dms-per-day', handle, day) * 3);
  const items: SandboxInboxItem[] = [];
  for (let index = 0; index < perDay; index++) {
    const key = `${handle}:dm:${day}:${index}`;
    const author = simulatedAuthor(seed, key);
    const tone = toneOf(seed, key);
    items.push({
      id: `d_${handle}_${day}_${index}`,
      kind: 'direct_message',
      threadId: `dm_${handle}_${author.handle}`,
      postId: null,
      inReplyTo: null,
      authorHandle: author.handle,
      authorName: author.name,
      text: pick(DM_TEMPLATES[tone.language][tone.sentiment], unitHash(seed, 'dm-template', key)),
      createdAt: day * DAY_MS + Math.floor(unitHash(seed, 'dm-time', key) * DAY_MS),
      language: tone.language,
      sentiment: tone.sentiment,
      fromUs: false,
    });
  }
  return items;
}

/** The person's answer to one of our replies (6 in 10 answer, 2 to 20 minutes later), or null. */
export function followUpTo(seed: number, reply: SandboxInboxReply): SandboxInboxItem | null {
  if (unitHash(seed, 'follow-up', reply.marker) >= 0.6) return null;
  const tone = toneOf(seed, `follow-up:${reply.marker}`);
  const name =
    reply.toHandle
      .replace(/[_.-]+/g, ' ')
      .replace(/\d+$/, '')
      .trim() || reply.toHandle;
  return {
    id: `f_${reply.id}`,
    kind: reply.mode === 'direct_message' ? 'direct_message' : 'reply',
    threadId: reply.threadId,
    postId: null,
    inReplyTo: reply.id,
    authorHandle: reply.toHandle,
    authorName: name,
    text: pick(FOLLOW_UP_TEMPLATES[tone.language][tone.sentiment], unitHash(seed, 'follow-up-template', reply.marker)),
    createdAt: reply.createdAt + 120_000 + Math.floor(unitHash(seed, 'follow-up-delay', reply.marker) * 18 * 60_000),
    language: tone.language,
    sentiment: tone.sentiment,
    fromUs: false,
  };
}

/** What the account did in its inbox: state of one simulated network. */
interface InboxState {
  replies: SandboxInboxReply[];
  liked: Set<string>;
  hidden: Set<string>;
  deleted: Set<string>;
  muted: Set<string>;
  blocked: Set<string>;
}

function stateOf(network: SandboxNetwork, handle: string): InboxState {
  let byHandle = network.extensions.get('inbox') as Map<string, InboxState> | undefined;
  if (!byHandle) {
    byHandle = new Map();
    network.extensions.set('inbox', byHandle);
  }
  let state = byHandle.get(handle);
  if (!state) {
    state = { replies: [], liked: new Set(), hidden: new Set(), deleted: new Set(), muted: new Set(), blocked: new Set() };
    byHandle.set(handle, state);
  }
  return state;
}

const MAX_WINDOW_MS = 31 * DAY_MS;

/**
 * Every inbox item of `handle` created in (sinceMs, now], oldest first (ties by id): the
 * audience's replies and mentions, its direct messages, its answers to our replies, and our
 * replies themselves (`fromUs`). Deleted items and authors the account blocked are left out.
 */
export function inboxItems(network: SandboxNetwork, handle: string, sinceMs: number): SandboxInboxItem[] {
  const seed = network.options.seed;
  const until = network.now();
  const since = Math.max(sinceMs, until - MAX_WINDOW_MS);
  const state = stateOf(network, handle);
  const account = network.account(handle);
  const found: SandboxInboxItem[] = [];
  for (const mention of network.mentions(handle, { sinceMs: since, untilMs: until })) {
    found.push({
      id: mention.id,
      kind: mention.inReplyTo ? 'comment' : 'mention',
      threadId: mention.inReplyTo ?? mention.id,
      postId: mention.inReplyTo ?? null,
      inReplyTo: mention.inReplyTo ?? null,
      authorHandle: mention.authorHandle,
      authorName: mention.authorName,
      text: mention.text,
      createdAt: mention.createdAt,
      language: mention.language,
      sentiment: mention.sentiment,
      fromUs: false,
    });
  }
  for (let day = Math.max(dayIndex(since), dayIndex(account.createdAt)); day <= dayIndex(until); day++) {
    for (const dm of directMessagesOnDay(seed, handle, day)) if (dm.createdAt > since && dm.createdAt <= until) found.push(dm);
  }
  for (const reply of state.replies) {
    if (reply.deletedAt !== null) continue;
    if (reply.createdAt > since && reply.createdAt <= until) {
      found.push({
        id: reply.id,
        kind: reply.mode === 'direct_message' ? 'direct_message' : 'reply',
        threadId: reply.threadId,
        postId: null,
        inReplyTo: reply.targetId,
        authorHandle: handle,
        authorName: account.displayName,
        text: reply.text,
        createdAt: reply.createdAt,
        language: 'es',
        sentiment: 'neutral',
        fromUs: true,
      });
    }
    const answer = followUpTo(seed, reply);
    if (answer && answer.createdAt > since && answer.createdAt <= until) found.push(answer);
  }
  const visible = found.filter((item) => !state.deleted.has(item.id) && !state.blocked.has(item.authorHandle));
  visible.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return visible;
}

/** Stores a reply of the account (the caller checked auth and faults); a deleted target refuses it. */
export function acceptInboxReply(
  network: SandboxNetwork,
  handle: string,
  input: Omit<SandboxInboxReply, 'id' | 'createdAt' | 'deletedAt'>,
): SandboxInboxReply | 'target_deleted' {
  const state = stateOf(network, handle);
  if (state.deleted.has(input.targetId)) return 'target_deleted';
  const reply: SandboxInboxReply = {
    ...input,
    id: `r_${handle}_${state.replies.length + 1}`,
    createdAt: network.now(),
    deletedAt: null,
  };
  state.replies.push(reply);
  return reply;
}

/** The account's live replies carrying `marker`, oldest first (more than one would be a duplicate). */
export function inboxRepliesByMarker(network: SandboxNetwork, handle: string, marker: string): SandboxInboxReply[] {
  return stateOf(network, handle).replies.filter((reply) => reply.marker === marker && reply.deletedAt === null);
}

/** Every reply of every account (tests count duplicates). */
export function allInboxReplies(network: SandboxNetwork, handle: string): readonly SandboxInboxReply[] {
  return stateOf(network, handle).replies;
}

/** Applies an action to an item (or, for mute and block, its author). */
export function applyInboxAction(
  network: SandboxNetwork,
  handle: string,
  action: SandboxInboxAction,
  targetId: string,
  authorHandle: string,
): void {
  const state = stateOf(network, handle);
  if (action === 'like') state.liked.add(targetId);
  else if (action === 'unlike') state.liked.delete(targetId);
  else if (action === 'hide') state.hidden.add(targetId);
  else if (action === 'unhide') state.hidden.delete(targetId);
  else if (action === 'delete') {
    state.deleted.add(targetId);
    const own = state.replies.find((reply) => reply.id === targetId);
    if (own) own.deletedAt = network.now();
  } else if (action === 'mute') state.muted.add(authorHandle);
  else if (action === 'block') state.blocked.add(authorHandle);
}

/** What the account did to an item (tests and the sandbox page). */
export function inboxItemFlags(network: SandboxNetwork, handle: string, targetId: string) {
  const state = stateOf(network, handle);
  return { liked: state.liked.has(targetId), hidden: state.hidden.has(targetId), deleted: state.deleted.has(targetId) };
}
