import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createCaller, createTestApp, type Caller, type TestApp } from '../../../../test/helpers/app.ts';
import { NETWORKS } from '../../../networks/index.ts';
import { LISTENING_SOURCE_KINDS, SOURCE_ADAPTERS, STORE_UNMATCHED_KINDS } from './registry.ts';

describe('the registry of listening source kinds', () => {
  it('gathers the networks’ own kinds and the generic ones, each once, each with its runner', () => {
    const kinds = LISTENING_SOURCE_KINDS.map((definition) => definition.kind);
    expect(kinds).toEqual(['bluesky_firehose', 'bluesky_jetstream', 'mastodon', 'rss', 'channel_mentions']);
    for (const network of NETWORKS) {
      for (const definition of network.listeningSources) expect(definition.network).toBe(network.adapter.name);
    }
    for (const definition of LISTENING_SOURCE_KINDS) expect(SOURCE_ADAPTERS[definition.kind]).toBe(definition.adapter);
    expect([...STORE_UNMATCHED_KINDS].sort()).toEqual(['channel_mentions', 'csv', 'rss']);
  });

  it('declares a form field for every setting, and a required field for every required setting', () => {
    for (const definition of LISTENING_SOURCE_KINDS) {
      const shape = definition.config.shape as Record<string, z.ZodType>;
      const fieldNames = definition.fields.map((field) => field.name);
      expect(fieldNames.sort(), definition.kind).toEqual(Object.keys(shape).sort());
      for (const field of definition.fields) {
        const optional = shape[field.name].safeParse(undefined).success;
        // A required setting is a required field; a field shown only `when` another has a value may be required then.
        if (!optional) expect(field.required, `${definition.kind}.${field.name}`).toBe(true);
        if (field.when) expect(fieldNames, `${definition.kind}.${field.name}`).toContain(field.when.field);
        if (field.input === 'select') expect(field.options?.length, `${definition.kind}.${field.name}`).toBeGreaterThan(0);
        expect(field.label.en && field.label.es, `${definition.kind}.${field.name}`).toBeTruthy();
      }
      for (const key of definition.targetKeys) expect(fieldNames, definition.kind).toContain(key);
      if (definition.urlField) expect(fieldNames, definition.kind).toContain(definition.urlField);
    }
  });

  it('proposes defaults that pass the kind’s own schema', () => {
    for (const definition of LISTENING_SOURCE_KINDS) {
      for (const field of definition.fields.filter((f) => f.default !== undefined)) {
        const shape = definition.config.shape as Record<string, z.ZodType>;
        expect(shape[field.name].safeParse(field.default).success, `${definition.kind}.${field.name}`).toBe(true);
      }
    }
  });
});

describe('GET /listening/source-kinds', () => {
  let t: TestApp;
  let user: Caller;
  beforeAll(async () => {
    t = await createTestApp('embedded');
    user = await createCaller(t, 'kinds@example.com');
  }, 60_000);
  afterAll(async () => t?.close());

  it('lists every kind with its form fields to a signed-in user; 401 when not signed in', async () => {
    const answer = await user.request('GET', '/api/v1/listening/source-kinds');
    expect(answer.statusCode).toBe(200);
    const items = answer.json().items as Array<{ kind: string; network: string | null; fields: Array<{ name: string; input: string }> }>;
    expect(items.map((item) => item.kind)).toEqual(LISTENING_SOURCE_KINDS.map((definition) => definition.kind));
    const mastodon = items.find((item) => item.kind === 'mastodon')!;
    expect(mastodon.network).toBe('mastodon');
    expect(mastodon.fields.find((field) => field.name === 'accessToken')?.input).toBe('secret');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/listening/source-kinds' })).statusCode).toBe(401);
  });
});
