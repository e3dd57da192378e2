import { describe, expect, it } from 'vitest';
import { calendarDaySchema, findUnstorableText, sequenceIdSchema, textProblem } from '../src/lib/input.ts';
import { isoInstantSchema } from '../src/lib/timezones.ts';
import { redactEventData } from '../src/modules/events/redact.ts';
import { decodeCursor, encodeCursor } from '../src/lib/pagination.ts';

describe('shared input rules', () => {
  it('refuses NUL and unpaired surrogates, keeps real emoji and accents', () => {
    expect(textProblem('¡Hola, café! 🎉')).toBeNull();
    expect(textProblem('a\u0000b')).toMatch(/NUL/);
    expect(textProblem('\uD800')).toMatch(/surrogate/);
    expect(textProblem('x\uDFFF')).toMatch(/surrogate/);
    expect(textProblem('\uD83C\uDF89')).toBeNull();
    expect(findUnstorableText({ a: [{ b: 'ok' }, { c: 'bad\u0000' }] })?.path).toBe('/a/1/c');
    expect(findUnstorableText({ 'k\uD800': 1 })?.path).toBe('/k\uD800');
  });

  it('takes instants and days within years 0001–9999 only', () => {
    expect(isoInstantSchema.safeParse('0001-01-01T00:00:00Z').success).toBe(true);
    expect(isoInstantSchema.safeParse('9999-12-31T23:59:59Z').success).toBe(true);
    expect(isoInstantSchema.safeParse('0000-01-01T00:00:00Z').success).toBe(false);
    // Year 1 at +01:00 is still year 0 in UTC.
    expect(isoInstantSchema.safeParse('0001-01-01T00:30:00+01:00').success).toBe(false);
    expect(isoInstantSchema.safeParse('+275760-09-13T00:00:00Z').success).toBe(false);
    expect(isoInstantSchema.safeParse('-000001-01-01T00:00:00Z').success).toBe(false);
    expect(calendarDaySchema.safeParse('2026-02-28').success).toBe(true);
    expect(calendarDaySchema.safeParse('2026-02-30').success).toBe(false);
    expect(calendarDaySchema.safeParse('0000-01-01').success).toBe(false);
  });

  it('takes sequence ids that fit a bigint', () => {
    expect(sequenceIdSchema.safeParse('9223372036854775807').success).toBe(true);
    expect(sequenceIdSchema.safeParse('9223372036854775808').success).toBe(false);
    expect(sequenceIdSchema.safeParse('9'.repeat(10_000)).success).toBe(false);
    expect(sequenceIdSchema.safeParse('1e3').success).toBe(false);
  });

  it('cursors keep microseconds and refuse year 0', () => {
    const cursor = encodeCursor('2026-12-04T19:19:45.123456Z', '00000000-0000-4000-8000-000000000001');
    expect(decodeCursor(cursor)).toEqual({ at: '2026-12-04T19:19:45.123456Z', id: '00000000-0000-4000-8000-000000000001' });
    expect(() => encodeCursor('0000-01-01T00:00:00Z', '00000000-0000-4000-8000-000000000001')).toThrow();
  });

  it('hides webhook URLs and secret-like fields from roles without the webhook permission', () => {
    const data = { url: 'https://hooks.example.com/x?token=abc', nested: { clientSecret: 's', name: 'n' }, note: 'https://example.com' };
    expect(redactEventData('webhook.created', 'webhook', data, 'owner')).toEqual(data);
    expect(redactEventData('webhook.created', 'webhook', data, 'manager')).toEqual(data);
    expect(redactEventData('webhook.created', 'webhook', data, 'viewer')).toEqual({
      url: null,
      nested: { clientSecret: null, name: 'n' },
      note: null,
    });
    expect(redactEventData('link.created', 'link', { targetUrl: 'https://example.com', apiKey: 'k' }, 'editor')).toEqual({
      targetUrl: 'https://example.com',
      apiKey: null,
    });
  });
});
