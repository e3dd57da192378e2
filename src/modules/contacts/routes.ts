import { z } from 'zod';
import { member, objectParams, workspaceParams, type ApiModule } from '../../server/api.ts';
import { binary, instant, pageSchema } from '../../server/schemas.ts';
import { decodeCursor, encodeCursor, pageQuerySchema } from '../../lib/pagination.ts';
import {
  changeStage,
  contactsOfConversation,
  eraseContact,
  importContacts,
  linkInboxAuthors,
  mergeContacts,
  splitIdentity,
  updateContact,
} from './commands.ts';
import { contactBoard, contactProfile, exportContactsCsv, exportPerson, mergeSuggestions, presentContacts } from './queries.ts';
import { contactsRepository } from './repository.ts';
import { CONTACT_STAGES } from './tables.ts';

const contactParams = objectParams('contactId');
const conversationParams = objectParams('conversationId');
const stageSchema = z.enum(CONTACT_STAGES);
const labelSchema = z.string().trim().min(1).max(40);

/** Lower case without accents, as the list's search compares. */
function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

const identitySchema = z.object({
  id: z.string().uuid(),
  network: z.string(),
  handle: z.string(),
  displayName: z.string().nullable(),
  profileUrl: z.string().nullable(),
  seenInInbox: z.boolean(),
  firstSeenAt: instant,
});

const contactSchema = z.object({
  id: z.string().uuid(),
  displayName: z.string(),
  stage: stageSchema,
  value: z.number().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  labels: z.array(z.string()),
  notes: z.string(),
  customFields: z.record(z.string(), z.string()),
  identities: z.array(identitySchema),
  stageChangedAt: instant,
  createdAt: instant,
  updatedAt: instant,
});

const profileSchema = contactSchema.extend({
  currency: z.string(),
  engagement: z.object({
    messages: z.number().int(),
    onOurPosts: z.number().int(),
    postsEngaged: z.number().int(),
    conversations: z.number().int(),
    byKind: z.record(z.string(), z.number().int()),
    firstMessageAt: instant.nullable(),
    lastMessageAt: instant.nullable(),
  }),
  history: z.array(
    z.object({
      itemId: z.string().uuid(),
      conversationId: z.string().uuid(),
      channelName: z.string(),
      network: z.string(),
      kind: z.string(),
      text: z.string(),
      url: z.string().nullable(),
      onOurPost: z.boolean(),
      sentiment: z.string().nullable(),
      deleted: z.boolean(),
      createdAt: instant,
    }),
  ),
  stageHistory: z.array(
    z.object({
      id: z.string().uuid(),
      fromStage: stageSchema.nullable(),
      toStage: stageSchema,
      actorUserId: z.string().uuid().nullable(),
      actorName: z.string().nullable(),
      createdAt: instant,
    }),
  ),
});

const customFieldsSchema = z
  .record(z.string().trim().min(1).max(40), z.string().max(500))
  .refine((fields) => Object.keys(fields).length <= 30, { message: 'At most 30 custom fields' });

const changeBody = z
  .object({
    displayName: z.string().trim().min(1).max(200).optional(),
    email: z.email().max(254).nullable().optional(),
    website: z
      .string()
      .trim()
      .max(500)
      .regex(/^https?:\/\/\S+$/i, 'An http(s) address')
      .nullable()
      .optional(),
    value: z.number().min(0).max(999_999_999_999).nullable().optional(),
    labels: z.array(labelSchema).max(30).optional(),
    notes: z.string().max(10_000).optional(),
    customFields: customFieldsSchema.optional(),
  })
  .strict();

/** Contacts: the people behind the conversations, their identities, lifecycle board, CSV and GDPR requests. */
export const contactRoutes: ApiModule = async (app, ctx) => {
  const db = ctx.database.db;
  const tags = ['contacts'];
  const base = '/workspaces/:workspaceId/contacts';

  app.get(
    base,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary:
          'Contacts, most recently changed first: by stage, label, or a search of names, handles, e-mails and websites (accents ignored)',
        params: workspaceParams,
        querystring: pageQuerySchema.extend({
          stage: stageSchema.optional(),
          label: labelSchema.optional(),
          q: z.string().trim().max(200).optional(),
        }),
        response: { 200: pageSchema(contactSchema) },
      },
    },
    async (request) => {
      const { workspaceId } = member(request);
      const { limit, cursor, q, ...filter } = request.query;
      const rows = await contactsRepository.list(
        db,
        workspaceId,
        { ...filter, ...(q ? { search: foldForSearch(q) } : {}) },
        { limit, cursor: decodeCursor(cursor) },
      );
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: await presentContacts(db, page),
        nextCursor: rows.length > limit && last ? encodeCursor(last.cursor_at, last.id) : null,
      };
    },
  );

  app.get(
    `${base}/board`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'The lifecycle board: follower → prospect → lead → customer, each with its count, total value and latest moved contacts',
        params: workspaceParams,
        querystring: z.object({ perStage: z.coerce.number().int().min(1).max(200).default(50) }),
        response: {
          200: z.object({
            currency: z.string(),
            stages: z.array(z.object({ stage: stageSchema, count: z.number().int(), value: z.number(), contacts: z.array(contactSchema) })),
          }),
        },
      },
    },
    async (request) => contactBoard(db, member(request).workspaceId, request.query.perStage),
  );

  app.get(
    `${base}/suggestions`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Contacts that may be one person across networks: same handle, display name or website',
        params: workspaceParams,
        response: {
          200: z.object({
            items: z.array(z.object({ contacts: z.array(contactSchema), reasons: z.array(z.enum(['handle', 'name', 'website'])) })),
          }),
        },
      },
    },
    async (request) => ({ items: await mergeSuggestions(db, member(request).workspaceId) }),
  );

  app.get(
    `${base}/export.csv`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Every contact as CSV (the columns the import reads)',
        params: workspaceParams,
        produces: ['text/csv'],
        response: { 200: binary('The contacts as CSV') },
      },
    },
    async (request, reply) => {
      const csv = await exportContactsCsv(db, member(request).workspaceId);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="plaza-contacts.csv"').send(csv);
    },
  );

  app.post(
    `${base}/import`,
    {
      config: { access: 'contacts.manage' },
      bodyLimit: 6 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Import contacts from CSV (all rows or none; a row with a known id or network:handle updates its contact)',
        params: workspaceParams,
        body: z.object({
          csv: z
            .string()
            .min(1)
            .max(5 * 1024 * 1024),
        }),
        response: { 200: z.object({ created: z.number().int(), updated: z.number().int() }) },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      return importContacts(ctx, { workspaceId, actorUserId: user.id, csv: request.body.csv });
    },
  );

  app.post(
    `${base}/link`,
    {
      config: { access: 'contacts.write' },
      schema: {
        tags,
        summary: 'Create contacts now for every inbox author that has none (the worker does it every 15 s)',
        params: workspaceParams,
        response: { 200: z.object({ created: z.number().int() }) },
      },
    },
    async (request) => ({ created: await linkInboxAuthors(ctx, { workspaceId: member(request).workspaceId }) }),
  );

  app.get(
    `/workspaces/:workspaceId/inbox/conversations/:conversationId/contacts`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'The people of a conversation, each with their profile (linked to a contact the first time it is asked)',
        params: conversationParams,
        response: { 200: z.object({ items: z.array(profileSchema) }) },
      },
    },
    async (request) => {
      const { workspaceId } = member(request);
      const ids = await contactsOfConversation(ctx, workspaceId, request.params.conversationId);
      const items = [];
      for (const id of ids.slice(0, 20)) items.push(await contactProfile(db, workspaceId, id));
      return { items };
    },
  );

  app.get(
    `${base}/:contactId`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'A contact’s profile: identities, messages, engagement with our posts, labels, notes, custom fields, stage moves',
        params: contactParams,
        response: { 200: profileSchema },
      },
    },
    async (request) => contactProfile(db, member(request).workspaceId, request.params.contactId),
  );

  app.patch(
    `${base}/:contactId`,
    {
      config: { access: 'contacts.write' },
      schema: {
        tags,
        summary: 'Edit a contact: name, e-mail, website, value, labels, notes, custom fields',
        params: contactParams,
        body: changeBody,
        response: { 200: profileSchema },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      await updateContact(ctx, { workspaceId, actorUserId: user.id, contactId: request.params.contactId, change: request.body });
      return contactProfile(db, workspaceId, request.params.contactId);
    },
  );

  app.put(
    `${base}/:contactId/stage`,
    {
      config: { access: 'contacts.write' },
      schema: {
        tags,
        summary: 'Move a contact to a lifecycle stage (kept in its history with who moved it; webhook contact.stage_changed)',
        params: contactParams,
        body: z.object({ stage: stageSchema }),
        response: { 200: profileSchema },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      await changeStage(ctx, { workspaceId, actorUserId: user.id, contactId: request.params.contactId, stage: request.body.stage });
      return contactProfile(db, workspaceId, request.params.contactId);
    },
  );

  app.post(
    `${base}/:contactId/merge`,
    {
      config: { access: 'contacts.write' },
      schema: {
        tags,
        summary: 'Merge another contact of the workspace into this one (its identities, history, labels and notes move here)',
        params: contactParams,
        body: z.object({ contactId: z.string().uuid() }),
        response: { 200: profileSchema },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      await mergeContacts(ctx, { workspaceId, actorUserId: user.id, targetId: request.params.contactId, sourceId: request.body.contactId });
      return contactProfile(db, workspaceId, request.params.contactId);
    },
  );

  app.post(
    `${base}/:contactId/split`,
    {
      config: { access: 'contacts.write' },
      schema: {
        tags,
        summary: 'Split one identity off into a contact of its own; answers the new contact',
        params: contactParams,
        body: z.object({ identityId: z.string().uuid() }),
        response: { 200: profileSchema },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      const created = await splitIdentity(ctx, {
        workspaceId,
        actorUserId: user.id,
        contactId: request.params.contactId,
        identityId: request.body.identityId,
      });
      return contactProfile(db, workspaceId, created.id);
    },
  );

  app.get(
    `${base}/:contactId/export`,
    {
      config: { access: 'contacts.manage' },
      schema: {
        tags,
        summary: 'Everything Plaza holds about this person, as JSON (a data access request)',
        params: contactParams,
        response: {
          200: z.object({
            exportedAt: instant,
            contact: profileSchema.omit({ history: true }),
            messages: z.array(
              z.object({
                itemId: z.string().uuid(),
                conversationId: z.string().uuid(),
                network: z.string(),
                handle: z.string(),
                name: z.string().nullable(),
                profileUrl: z.string().nullable(),
                kind: z.string(),
                text: z.string(),
                url: z.string().nullable(),
                language: z.string().nullable(),
                rating: z.number().int().nullable(),
                sentiment: z.string().nullable(),
                createdAt: instant,
              }),
            ),
          }),
        },
      },
    },
    async (request) => exportPerson(db, member(request).workspaceId, request.params.contactId),
  );

  app.delete(
    `${base}/:contactId`,
    {
      config: { access: 'contacts.manage' },
      schema: {
        tags,
        summary: 'Erase this person on request: the contact and the personal data of their inbox messages (docs/contacts.md says what)',
        params: contactParams,
        response: { 200: z.object({ identities: z.number().int(), items: z.number().int(), conversations: z.number().int() }) },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      return eraseContact(ctx, { workspaceId, actorUserId: user.id, contactId: request.params.contactId });
    },
  );
};
