import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.ts';

/**
 * The API contract: GET /api/docs/json is a valid OpenAPI 3.1 document (checked by a third-party
 * validator, not by the code that writes it) and describes every answer: each operation has a response
 * schema for its success status. The document does not depend on the storage engine, so one engine is enough.
 */

type Responses = Record<string, { content?: Record<string, { schema?: unknown }> }>;
type Spec = { openapi: string; paths: Record<string, Record<string, { responses?: Responses }>> };

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'options', 'head']);

/** True when one of the operation's 2xx answers is described: a body schema, or an explicit 204/205 without a body. */
function describesSuccess(responses: Responses | undefined): boolean {
  return Object.entries(responses ?? {}).some(([status, response]) => {
    if (!/^2\d\d$/.test(status)) return false;
    if (status === '204' || status === '205') return true;
    return Object.values(response.content ?? {}).some((media) => media.schema !== undefined);
  });
}

describe('OpenAPI document', () => {
  let t: TestApp;
  let spec: Spec;

  beforeAll(async () => {
    t = await createTestApp('embedded');
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    spec = res.json() as Spec;
  });
  afterAll(async () => t?.close());

  it('is valid OpenAPI 3.1 (@apidevtools/swagger-parser)', async () => {
    expect(spec.openapi).toBe('3.1.0');
    // validate() dereferences in place: give it a copy.
    await expect(SwaggerParser.validate(structuredClone(spec) as never)).resolves.toBeTruthy();
    // The validator does refuse a broken document (here: `info.version` missing, a path without a leading slash).
    const broken = { ...structuredClone(spec), info: { title: 'Plaza API' }, paths: { 'no-slash': {} } };
    await expect(SwaggerParser.validate(broken as never)).rejects.toThrow();
  });

  it('has a response schema for the success status of every operation', () => {
    const operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => METHODS.has(method))
        .map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, responses: operation.responses })),
    );
    expect(operations.length).toBeGreaterThan(100);
    const missing = operations.filter((operation) => !describesSuccess(operation.responses)).map((operation) => operation.route);
    expect(missing, `${missing.length} operations without a success response schema:\n${missing.join('\n')}\n`).toEqual([]);
  });

  it('tells a described answer from the default placeholder', () => {
    expect(describesSuccess({ 200: {} })).toBe(false);
    expect(describesSuccess({ 200: { content: { 'application/json': { schema: { type: 'object' } } } } })).toBe(true);
    expect(describesSuccess({ 204: {} })).toBe(true);
    expect(describesSuccess({ 400: { content: { 'application/json': { schema: {} } } } })).toBe(false);
  });
});
