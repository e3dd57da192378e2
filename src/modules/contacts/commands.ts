/**
 * The contacts module's writes, each one transaction with its events: linking inbox authors to contacts, editing,
 * moving a contact along its lifecycle, merging and splitting identities, CSV import, and erasure on request.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../server/context.ts';
import type { Db } from '../../db/database.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { recordEvent } from '../events/events.ts';
import { contactsRepository, type ContactRow, type UnlinkedAuthor } from './repository.ts';
import { CONTACT_STAGES, type ContactStage } from './tables.ts';
import { parseContactsCsv, type ImportedContact } from './csv.ts';

/** An identity imported by handle only waits for the inbox to tell its real account id: `handle:<handle>`. */
export const IMPORTED_AUTHOR_PREFIX = 'handle:';

/** How far along the lifecycle a stage is (follower 0 … customer 3). */
export function stageRank(stage: ContactStage): number {
  return CONTACT_STAGES.indexOf(stage);
}

async function loadContact(db: Db, workspaceId: string, contactId: string): Promise<ContactRow> {
  const row = await contactsRepository.lock(db, workspaceId, contactId);
  if (!row) throw notFound('Contact');
  return row;
}

/** Links one author: the contact id created (or that adopted the account), and whether it is new. */
async function linkOne(trx: Db, author: UnlinkedAuthor, now: Date): Promise<{ contactId: string | null; created: boolean }> {
  // A contact imported by handle adopts the account the first time the inbox sees it (found by the unique index).
  const imported = author.author_handle
    ? await contactsRepository.identityByAccount(
        trx,
        author.workspace_id,
        author.network,
        `${IMPORTED_AUTHOR_PREFIX}${author.author_handle.toLowerCase()}`,
      )
    : undefined;
  if (imported) {
    await contactsRepository.updateIdentity(trx, imported.id, {
      author_id: author.author_id,
      display_name: imported.display_name ?? author.author_name,
      profile_url: imported.profile_url ?? author.author_url,
    });
    return { contactId: imported.contact_id, created: false };
  }
  const contact = await contactsRepository.insert(trx, {
    workspace_id: author.workspace_id,
    display_name: author.author_name?.trim() || author.author_handle,
    labels: JSON.stringify([]),
    custom_fields: JSON.stringify({}),
    stage_changed_at: now,
    created_at: now,
    updated_at: now,
  });
  const linked = await contactsRepository.insertIdentity(trx, {
    workspace_id: author.workspace_id,
    contact_id: contact.id,
    network: author.network,
    author_id: author.author_id,
    handle: author.author_handle,
    display_name: author.author_name,
    profile_url: author.author_url,
    first_seen_at: author.first_at,
    created_at: now,
  });
  if (!linked) {
    // Another process linked the same account meanwhile: theirs stands.
    await contactsRepository.remove(trx, contact.id);
    return { contactId: null, created: false };
  }
  await contactsRepository.insertStageChange(trx, {
    workspace_id: author.workspace_id,
    contact_id: contact.id,
    from_stage: null,
    to_stage: 'follower',
    actor_user_id: null,
    created_at: now,
  });
  return { contactId: contact.id, created: true };
}

/**
 * Links a batch of authors in a few statements: the rare author whose handle was imported adopts that identity
 * (one by one); the others get a contact, an identity and a first stage row each, inserted together. An account
 * another process linked meanwhile keeps its contact (ours, left without identity, is removed). Returns how many
 * contacts were created.
 */
async function linkBatch(trx: Db, authors: readonly UnlinkedAuthor[], now: Date): Promise<number> {
  const importedKey = (a: { workspace_id: string; network: string }, authorId: string) => `${a.workspace_id} ${a.network} ${authorId}`;
  const imported = new Set(
    (
      await contactsRepository.identitiesByAccounts(
        trx,
        authors
          .filter((a) => a.author_handle)
          .map((a) => ({
            workspace_id: a.workspace_id,
            network: a.network,
            author_id: `${IMPORTED_AUTHOR_PREFIX}${a.author_handle.toLowerCase()}`,
          })),
      )
    ).map((i) => importedKey(i, i.author_id)),
  );
  const touched: string[] = [];
  const fresh: UnlinkedAuthor[] = [];
  for (const author of authors) {
    if (imported.has(importedKey(author, `${IMPORTED_AUTHOR_PREFIX}${author.author_handle.toLowerCase()}`))) {
      const linked = await linkOne(trx, author, now);
      if (linked.contactId) touched.push(linked.contactId);
    } else fresh.push(author);
  }
  const planned = fresh.map((author) => ({ author, contactId: randomUUID() }));
  await contactsRepository.insertMany(
    trx,
    planned.map(({ author, contactId }) => ({
      id: contactId,
      workspace_id: author.workspace_id,
      display_name: author.author_name?.trim() || author.author_handle,
      labels: JSON.stringify([]),
      custom_fields: JSON.stringify({}),
      stage_changed_at: now,
      created_at: now,
      updated_at: now,
    })),
  );
  const linked = new Set(
    await contactsRepository.insertIdentities(
      trx,
      planned.map(({ author, contactId }) => ({
        workspace_id: author.workspace_id,
        contact_id: contactId,
        network: author.network,
        author_id: author.author_id,
        handle: author.author_handle,
        display_name: author.author_name,
        profile_url: author.author_url,
        first_seen_at: author.first_at,
        created_at: now,
      })),
    ),
  );
  const created = planned.filter((p) => linked.has(p.contactId));
  await contactsRepository.removeMany(
    trx,
    planned.filter((p) => !linked.has(p.contactId)).map((p) => p.contactId),
  );
  await contactsRepository.insertStageChanges(
    trx,
    created.map(({ author, contactId }) => ({
      workspace_id: author.workspace_id,
      contact_id: contactId,
      from_stage: null,
      to_stage: 'follower' as const,
      actor_user_id: null,
      created_at: now,
    })),
  );
  await contactsRepository.refreshSearch(trx, [...touched, ...created.map((p) => p.contactId)]);
  return created.length;
}

/**
 * Creates a contact (stage follower) for every inbox author that has none yet, in batches of `batch`; returns how
 * many were created. Quiet: no event per contact, as the inbox's history arrives quietly too.
 */
export async function linkInboxAuthors(
  ctx: AppContext,
  scope: { workspaceId?: string; conversationId?: string; storedSince?: Date },
  batch = 500,
): Promise<number> {
  let created = 0;
  let after: { workspace_id: string; author_id: string } | undefined;
  for (;;) {
    const now = new Date(ctx.clock.now());
    const { authors, last } = await contactsRepository.unlinkedAuthors(ctx.database.db, scope, batch, after);
    if (authors.length > 0) created += await ctx.database.db.transaction().execute((trx) => linkBatch(trx, authors, now));
    if (!last) return created;
    after = last;
  }
}

/** Links a conversation's authors and returns their contacts' ids, in order of their first message there. */
export async function contactsOfConversation(ctx: AppContext, workspaceId: string, conversationId: string): Promise<string[]> {
  const db = ctx.database.db;
  if (!(await contactsRepository.conversationExists(db, workspaceId, conversationId))) throw notFound('Conversation');
  await linkInboxAuthors(ctx, { workspaceId, conversationId });
  const authors = await contactsRepository.conversationAuthors(db, workspaceId, conversationId);
  const ids: string[] = [];
  for (const author of authors) {
    const contact = await contactsRepository.byAccount(db, workspaceId, author.network, author.author_id);
    if (contact && !ids.includes(contact.id)) ids.push(contact.id);
  }
  return ids;
}

/** What a person may edit on a contact at once (the stage has its own command: it is history). */
export interface ContactChange {
  displayName?: string;
  email?: string | null;
  website?: string | null;
  value?: number | null;
  labels?: string[];
  notes?: string;
  customFields?: Record<string, string>;
}

function cleanLabels(labels: readonly string[]): string[] {
  return [...new Set(labels.map((l) => l.trim()).filter(Boolean))];
}

/** Edits a contact's details. */
export async function updateContact(
  ctx: AppContext,
  input: { workspaceId: string; actorUserId: string; contactId: string; change: ContactChange },
): Promise<ContactRow> {
  const { change } = input;
  const now = new Date(ctx.clock.now());
  return ctx.database.db.transaction().execute(async (trx) => {
    const before = await loadContact(trx, input.workspaceId, input.contactId);
    const after = await contactsRepository.update(trx, before.id, {
      ...(change.displayName !== undefined ? { display_name: change.displayName } : {}),
      ...(change.email !== undefined ? { email: change.email } : {}),
      ...(change.website !== undefined ? { website: change.website } : {}),
      ...(change.value !== undefined ? { value: change.value } : {}),
      ...(change.labels !== undefined ? { labels: JSON.stringify(cleanLabels(change.labels)) } : {}),
      ...(change.notes !== undefined ? { notes: change.notes } : {}),
      ...(change.customFields !== undefined ? { custom_fields: JSON.stringify(change.customFields) } : {}),
      updated_at: now,
    });
    await contactsRepository.refreshSearch(trx, [before.id]);
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      type: 'contact.updated',
      subjectType: 'contact',
      subjectId: before.id,
      data: { fields: Object.keys(change) },
    });
    return after;
  });
}

/** Moves a contact to a lifecycle stage, keeping who moved it and when; `contact.stage_changed` goes to webhooks. */
export async function changeStage(
  ctx: AppContext,
  input: { workspaceId: string; actorUserId: string | null; contactId: string; stage: ContactStage },
): Promise<ContactRow> {
  const now = new Date(ctx.clock.now());
  return ctx.database.db.transaction().execute(async (trx) => {
    const before = await loadContact(trx, input.workspaceId, input.contactId);
    if (before.stage === input.stage) return before;
    const after = await contactsRepository.update(trx, before.id, { stage: input.stage, stage_changed_at: now, updated_at: now });
    await contactsRepository.insertStageChange(trx, {
      workspace_id: input.workspaceId,
      contact_id: before.id,
      from_stage: before.stage,
      to_stage: input.stage,
      actor_user_id: input.actorUserId,
      created_at: now,
    });
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      type: 'contact.stage_changed',
      subjectType: 'contact',
      subjectId: before.id,
      // No name or handle here: events outlive an erasure, so they carry no personal data.
      data: {
        contactId: before.id,
        fromStage: before.stage,
        toStage: input.stage,
        value: after.value === null ? null : Number(after.value),
      },
    });
    return after;
  });
}

/**
 * Merges `sourceId` into `targetId`: identities and stage history move over; labels join; details and custom fields
 * of the target win, the source fills what the target lacks; notes are kept one after the other; the stage is the
 * further along of the two. The source contact is gone afterwards. Either one outside the workspace → 404.
 */
export async function mergeContacts(
  ctx: AppContext,
  input: { workspaceId: string; actorUserId: string; targetId: string; sourceId: string },
): Promise<ContactRow> {
  if (input.targetId === input.sourceId) throw new AppError(400, 'contacts_same_contact', 'A contact cannot be merged into itself');
  const now = new Date(ctx.clock.now());
  return ctx.database.db.transaction().execute(async (trx) => {
    // Locked in id order so two opposite merges cannot deadlock.
    const [firstId, secondId] = [input.targetId, input.sourceId].sort();
    const first = await loadContact(trx, input.workspaceId, firstId as string);
    const second = await loadContact(trx, input.workspaceId, secondId as string);
    const target = first.id === input.targetId ? first : second;
    const source = first.id === input.targetId ? second : first;
    const stage = stageRank(source.stage) > stageRank(target.stage) ? source.stage : target.stage;
    await contactsRepository.moveIdentities(trx, source.id, target.id);
    await contactsRepository.moveStageChanges(trx, source.id, target.id);
    const notes = [target.notes, source.notes].filter((n) => n.trim()).join('\n\n');
    await contactsRepository.remove(trx, source.id);
    const merged = await contactsRepository.update(trx, target.id, {
      display_name: target.display_name || source.display_name,
      email: target.email ?? source.email,
      website: target.website ?? source.website,
      value: target.value ?? source.value,
      labels: JSON.stringify(cleanLabels([...target.labels, ...source.labels])),
      notes,
      custom_fields: JSON.stringify({ ...source.custom_fields, ...target.custom_fields }),
      ...(stage !== target.stage ? { stage, stage_changed_at: now } : {}),
      updated_at: now,
    });
    await contactsRepository.refreshSearch(trx, [target.id]);
    if (stage !== target.stage) {
      await contactsRepository.insertStageChange(trx, {
        workspace_id: input.workspaceId,
        contact_id: target.id,
        from_stage: target.stage,
        to_stage: stage,
        actor_user_id: input.actorUserId,
        created_at: now,
      });
      await recordEvent(trx, {
        workspaceId: input.workspaceId,
        actorUserId: input.actorUserId,
        type: 'contact.stage_changed',
        subjectType: 'contact',
        subjectId: target.id,
        data: { contactId: target.id, fromStage: target.stage, toStage: stage, value: merged.value === null ? null : Number(merged.value) },
      });
    }
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      type: 'contact.merged',
      subjectType: 'contact',
      subjectId: target.id,
      data: { contactId: target.id, mergedContactId: source.id },
    });
    return merged;
  });
}

/** Takes one identity out of a contact into a new contact of its own (stage follower); returns the new contact. */
export async function splitIdentity(
  ctx: AppContext,
  input: { workspaceId: string; actorUserId: string; contactId: string; identityId: string },
): Promise<ContactRow> {
  const now = new Date(ctx.clock.now());
  return ctx.database.db.transaction().execute(async (trx) => {
    const contact = await loadContact(trx, input.workspaceId, input.contactId);
    const identities = await contactsRepository.identitiesOf(trx, [contact.id]);
    const identity = identities.find((i) => i.id === input.identityId);
    if (!identity) throw notFound('Identity');
    if (identities.length < 2)
      throw new AppError(400, 'contacts_last_identity', 'A contact’s only identity cannot be split off: the contact would be empty');
    const created = await contactsRepository.insert(trx, {
      workspace_id: input.workspaceId,
      display_name: identity.display_name?.trim() || identity.handle,
      labels: JSON.stringify([]),
      custom_fields: JSON.stringify({}),
      stage_changed_at: now,
      created_at: now,
      updated_at: now,
    });
    await contactsRepository.updateIdentity(trx, identity.id, { contact_id: created.id });
    await contactsRepository.insertStageChange(trx, {
      workspace_id: input.workspaceId,
      contact_id: created.id,
      from_stage: null,
      to_stage: 'follower',
      actor_user_id: input.actorUserId,
      created_at: now,
    });
    await contactsRepository.update(trx, contact.id, { updated_at: now });
    await contactsRepository.refreshSearch(trx, [contact.id, created.id]);
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      type: 'contact.split',
      subjectType: 'contact',
      subjectId: contact.id,
      data: { contactId: contact.id, newContactId: created.id },
    });
    return created;
  });
}

/**
 * Erases a person on request: the contact, its identities, notes, custom fields and stage history are deleted, and
 * their inbox messages lose text, links and author (the rows stay, empty, so totals hold). Returns what was erased.
 */
export async function eraseContact(
  ctx: AppContext,
  input: { workspaceId: string; actorUserId: string; contactId: string },
): Promise<{ identities: number; items: number; conversations: number }> {
  return ctx.database.db.transaction().execute(async (trx) => {
    const contact = await loadContact(trx, input.workspaceId, input.contactId);
    const identities = await contactsRepository.identitiesOf(trx, [contact.id]);
    let items = 0;
    let conversations = 0;
    for (const identity of identities) {
      const erased = await contactsRepository.eraseAccountItems(trx, input.workspaceId, identity);
      items += erased.items;
      conversations += erased.conversations;
    }
    await contactsRepository.remove(trx, contact.id);
    const summary = { identities: identities.length, items, conversations };
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      type: 'contact.erased',
      subjectType: 'contact',
      subjectId: contact.id,
      data: summary,
    });
    return summary;
  });
}

async function importOne(
  trx: Db,
  workspaceId: string,
  actorUserId: string,
  row: ImportedContact,
  now: Date,
): Promise<'created' | 'updated'> {
  let existing: ContactRow | undefined;
  if (row.id) {
    existing = await contactsRepository.lock(trx, workspaceId, row.id);
    if (!existing) throw new AppError(400, 'contacts_csv_invalid', `Line ${row.line}: no contact with id ${row.id} in this workspace`);
  }
  for (const identity of row.identities) {
    if (existing) break;
    const found = await contactsRepository.identityByHandle(trx, workspaceId, identity.network, identity.handle);
    if (found) existing = await contactsRepository.lock(trx, workspaceId, found.contact_id);
  }
  const details = {
    ...(row.name ? { display_name: row.name } : {}),
    ...(row.email !== undefined ? { email: row.email } : {}),
    ...(row.website !== undefined ? { website: row.website } : {}),
    ...(row.value !== undefined ? { value: row.value } : {}),
    ...(row.notes !== undefined ? { notes: row.notes } : {}),
  };
  const contact = existing
    ? await contactsRepository.update(trx, existing.id, {
        ...details,
        ...(row.labels ? { labels: JSON.stringify(cleanLabels([...existing.labels, ...row.labels])) } : {}),
        updated_at: now,
      })
    : await contactsRepository.insert(trx, {
        workspace_id: workspaceId,
        display_name: row.name ?? row.identities[0]?.handle ?? '',
        labels: JSON.stringify(cleanLabels(row.labels ?? [])),
        custom_fields: JSON.stringify({}),
        ...details,
        stage_changed_at: now,
        created_at: now,
        updated_at: now,
      });
  if (!existing)
    await contactsRepository.insertStageChange(trx, {
      workspace_id: workspaceId,
      contact_id: contact.id,
      from_stage: null,
      to_stage: 'follower',
      actor_user_id: actorUserId,
      created_at: now,
    });
  for (const identity of row.identities) {
    const found = await contactsRepository.identityByHandle(trx, workspaceId, identity.network, identity.handle);
    if (found && found.contact_id !== contact.id)
      throw new AppError(
        400,
        'contacts_csv_invalid',
        `Line ${row.line}: ${identity.network}:${identity.handle} belongs to another contact`,
      );
    if (!found)
      await contactsRepository.insertIdentity(trx, {
        workspace_id: workspaceId,
        contact_id: contact.id,
        network: identity.network,
        author_id: `${IMPORTED_AUTHOR_PREFIX}${identity.handle.toLowerCase()}`,
        handle: identity.handle,
        display_name: null,
        profile_url: null,
        first_seen_at: now,
        created_at: now,
      });
  }
  await contactsRepository.refreshSearch(trx, [contact.id]);
  if (row.stage && row.stage !== contact.stage) {
    await contactsRepository.update(trx, contact.id, { stage: row.stage, stage_changed_at: now });
    await contactsRepository.insertStageChange(trx, {
      workspace_id: workspaceId,
      contact_id: contact.id,
      from_stage: contact.stage,
      to_stage: row.stage,
      actor_user_id: actorUserId,
      created_at: now,
    });
    await recordEvent(trx, {
      workspaceId,
      actorUserId,
      type: 'contact.stage_changed',
      subjectType: 'contact',
      subjectId: contact.id,
      data: { contactId: contact.id, fromStage: contact.stage, toStage: row.stage, value: row.value ?? null },
    });
  }
  return existing ? 'updated' : 'created';
}

/**
 * Imports contacts from CSV (the export's columns; see docs/contacts.md): all rows or none. A row with an id updates
 * that contact; a row whose network:handle is known updates its contact; any other row creates one.
 */
export async function importContacts(
  ctx: AppContext,
  input: { workspaceId: string; actorUserId: string; csv: string },
): Promise<{ created: number; updated: number }> {
  const rows = parseContactsCsv(input.csv);
  const now = new Date(ctx.clock.now());
  return ctx.database.db.transaction().execute(async (trx) => {
    let created = 0;
    let updated = 0;
    for (const row of rows) {
      if ((await importOne(trx, input.workspaceId, input.actorUserId, row, now)) === 'created') created++;
      else updated++;
    }
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      type: 'contact.imported',
      subjectType: 'workspace',
      subjectId: input.workspaceId,
      data: { created, updated },
    });
    return { created, updated };
  });
}
