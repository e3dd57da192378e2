/** The contacts module's reads: a contact with its identities, its profile (history, engagement, moves), the board, suggestions, exports. */
import type { Db } from '../../db/database.ts';
import { workspaceCurrency } from '../../db/workspace-settings.ts';
import { notFound } from '../../lib/errors.ts';
import { contactsRepository, type ContactRow, type IdentityRow } from './repository.ts';
import { CONTACT_STAGES } from './tables.ts';
import { IMPORTED_AUTHOR_PREFIX } from './commands.ts';
import { contactsToCsv } from './csv.ts';

/** A contact as the API shows it. */
export function presentContact(row: ContactRow, identities: readonly IdentityRow[]) {
  return {
    id: row.id,
    displayName: row.display_name,
    stage: row.stage,
    value: row.value === null ? null : Number(row.value),
    email: row.email,
    website: row.website,
    labels: row.labels,
    notes: row.notes,
    customFields: row.custom_fields,
    identities: identities
      .filter((i) => i.contact_id === row.id)
      .map((i) => ({
        id: i.id,
        network: i.network,
        handle: i.handle,
        displayName: i.display_name,
        profileUrl: i.profile_url,
        // Imported by handle, not seen in the inbox yet.
        seenInInbox: !i.author_id.startsWith(IMPORTED_AUTHOR_PREFIX),
        firstSeenAt: i.first_seen_at,
      })),
    stageChangedAt: row.stage_changed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Contacts with their identities, in the order given. */
export async function presentContacts(db: Db, rows: readonly ContactRow[]) {
  const identities = await contactsRepository.identitiesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => presentContact(row, identities));
}

/** The profile: the contact, its messages (newest 100), engagement with our posts and the history of its moves. */
export async function contactProfile(db: Db, workspaceId: string, contactId: string) {
  const row = await contactsRepository.find(db, workspaceId, contactId);
  if (!row) throw notFound('Contact');
  const [identities, history, engagementRows, moves, currency] = await Promise.all([
    contactsRepository.identitiesOf(db, [row.id]),
    contactsRepository.history(db, workspaceId, row.id, 100),
    contactsRepository.engagement(db, workspaceId, row.id),
    contactsRepository.stageHistory(db, row.id),
    workspaceCurrency(db, workspaceId),
  ]);
  const posts = new Set<string>();
  const conversations = new Set<string>();
  let messages = 0;
  let onOurPosts = 0;
  let firstAt: Date | null = null;
  let lastAt: Date | null = null;
  const byKind: Record<string, number> = {};
  for (const e of engagementRows) {
    const count = Number(e.messages);
    messages += count;
    onOurPosts += Number(e.on_our_posts);
    byKind[e.kind] = count;
    for (const p of e.posts) posts.add(p);
    for (const c of e.conversations) conversations.add(c);
    const first = new Date(e.first_at);
    const last = new Date(e.last_at);
    if (!firstAt || first < firstAt) firstAt = first;
    if (!lastAt || last > lastAt) lastAt = last;
  }
  return {
    ...presentContact(row, identities),
    currency,
    engagement: {
      messages,
      onOurPosts,
      postsEngaged: posts.size,
      conversations: conversations.size,
      byKind,
      firstMessageAt: firstAt,
      lastMessageAt: lastAt,
    },
    history: history.map((h) => ({
      itemId: h.id,
      conversationId: h.conversation_id,
      channelName: h.channel_name,
      network: h.network,
      kind: h.kind,
      text: h.text,
      url: h.url,
      onOurPost: h.post_remote_id !== null,
      sentiment: h.sentiment,
      deleted: h.deleted_at !== null,
      createdAt: h.remote_created_at,
    })),
    stageHistory: moves.map((m) => ({
      id: m.id,
      fromStage: m.from_stage,
      toStage: m.to_stage,
      actorUserId: m.actor_user_id,
      actorName: m.actor_name,
      createdAt: m.created_at,
    })),
  };
}

/** The board: per stage in lifecycle order, the count, total value and the `perStage` most recently moved contacts. */
export async function contactBoard(db: Db, workspaceId: string, perStage = 50) {
  const [{ totals, cards }, currency] = await Promise.all([
    contactsRepository.board(db, workspaceId, perStage),
    workspaceCurrency(db, workspaceId),
  ]);
  const presented = await presentContacts(db, cards);
  return {
    currency,
    stages: CONTACT_STAGES.map((stage) => {
      const total = totals.find((t) => t.stage === stage);
      return {
        stage,
        count: Number(total?.count ?? 0),
        value: Number(total?.value ?? 0),
        contacts: presented.filter((c) => c.stage === stage),
      };
    }),
  };
}

/** Pairs that may be one person (same handle, name or website), with both contacts. */
export async function mergeSuggestions(db: Db, workspaceId: string, limit = 50) {
  const pairs = await contactsRepository.suggestions(db, workspaceId, limit);
  const ids = [...new Set(pairs.flatMap((p) => [p.a_id, p.b_id]))];
  const contacts = await presentContacts(db, await contactsRepository.findMany(db, workspaceId, ids));
  const byId = new Map(contacts.map((c) => [c.id, c]));
  return pairs.flatMap((p) => {
    const a = byId.get(p.a_id);
    const b = byId.get(p.b_id);
    return a && b ? [{ contacts: [a, b], reasons: p.reasons as Array<'handle' | 'name' | 'website'> }] : [];
  });
}

/** Everything Plaza holds about one person (GDPR access request): the profile, their messages in full, the moves. */
export async function exportPerson(db: Db, workspaceId: string, contactId: string) {
  const profile = await contactProfile(db, workspaceId, contactId);
  const identities = await contactsRepository.identitiesOf(db, [contactId]);
  const messages = [];
  for (const identity of identities) {
    const items = await contactsRepository.itemsOf(db, workspaceId, identity);
    messages.push(
      ...items.map((i) => ({
        itemId: i.id,
        conversationId: i.conversation_id,
        network: identity.network,
        handle: i.author_handle,
        name: i.author_name,
        profileUrl: i.author_url,
        kind: i.kind,
        text: i.text,
        url: i.url,
        language: i.language,
        rating: i.rating,
        sentiment: i.sentiment,
        createdAt: i.remote_created_at,
      })),
    );
  }
  const { history: _history, ...rest } = profile;
  return { exportedAt: new Date(), contact: rest, messages };
}

/** Every contact of the workspace as CSV. */
export async function exportContactsCsv(db: Db, workspaceId: string): Promise<string> {
  const [contacts, identities] = await Promise.all([
    contactsRepository.all(db, workspaceId),
    contactsRepository.allIdentities(db, workspaceId),
  ]);
  return contactsToCsv(contacts, identities);
}
