/**
 * The OpenAPI validator on a small document of its own: path templates (literal paths first),
 * parameters by style and explode, required bodies, multipart fields, nullable, refs, answers.
 */
import { describe, expect, it } from 'vitest';
import { OpenApiValidator, OpenApiViolation } from './openapi.ts';

const doc = {
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {
    '/items/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { $ref: '#/components/schemas/Id' } }],
      get: {
        parameters: [
          {
            name: 'fields',
            in: 'query',
            style: 'form',
            explode: false,
            schema: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } },
          },
          { name: 'tag', in: 'query', schema: { type: 'array', items: { type: 'string' } } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 10 } },
        ],
        responses: {
          '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } },
          default: { content: { 'application/json': { schema: { type: 'object', required: ['message'] } } } },
        },
      },
    },
    '/items/special': { get: { responses: { '204': { description: 'none' } } } },
    '/upload': {
      post: {
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file', 'part'],
                properties: { file: { type: 'string', format: 'binary' }, part: { type: 'integer', minimum: 0 } },
              },
            },
          },
        },
        responses: { '200': { content: { 'application/json': { schema: { type: 'object' } } } } },
      },
    },
  },
  components: {
    schemas: {
      Id: { type: 'string', pattern: '^[0-9]+$' },
      Item: {
        type: 'object',
        required: ['id'],
        properties: { id: { $ref: '#/components/schemas/Id' }, note: { type: 'string', nullable: true } },
      },
    },
  },
};

const v = new OpenApiValidator(doc);

describe('OpenApiValidator', () => {
  it('matches literal paths before templates and reads path parameters', () => {
    expect(v.findOperation('GET', '/items/special')?.operation.template).toBe('/items/special');
    expect(v.findOperation('GET', '/items/42')?.pathParams).toEqual({ id: '42' });
    expect(v.checkRequest({ method: 'GET', path: '/items/abc' })[0].where).toBe('path.id');
    expect(v.checkRequest({ method: 'DELETE', path: '/items/42' })[0].where).toBe('path');
  });

  it('reads query arrays per explode, numbers as numbers, and refuses undocumented ones', () => {
    expect(v.checkRequest({ method: 'GET', path: '/items/1', query: new URLSearchParams('fields=a,b&tag=x&tag=y&limit=3') })).toEqual([]);
    expect(v.checkRequest({ method: 'GET', path: '/items/1', query: new URLSearchParams('fields=a,c') })[0].where).toMatch(
      /^query\.fields/,
    );
    expect(v.checkRequest({ method: 'GET', path: '/items/1', query: new URLSearchParams('limit=11') }).length).toBe(1);
    expect(v.checkRequest({ method: 'GET', path: '/items/1', query: new URLSearchParams('limit=three') }).length).toBe(1);
    expect(v.checkRequest({ method: 'GET', path: '/items/1', query: new URLSearchParams('other=1') })[0].where).toBe('query.other');
  });

  it('checks bodies: required, content type, multipart fields', () => {
    expect(
      v.checkRequest({
        method: 'POST',
        path: '/upload',
        contentType: 'multipart/form-data; boundary=x',
        body: { file: { binary: true }, part: '0' },
      }),
    ).toEqual([]);
    expect(
      v.checkRequest({ method: 'POST', path: '/upload', contentType: 'multipart/form-data; boundary=x', body: { part: '-1' } }).length,
    ).toBe(2);
    expect(v.checkRequest({ method: 'POST', path: '/upload' })[0]).toEqual({ where: 'body', message: 'is required' });
    expect(v.checkRequest({ method: 'POST', path: '/upload', contentType: 'application/json', body: {} })[0].message).toMatch(
      /not accepted/,
    );
    expect(v.checkRequest({ method: 'GET', path: '/items/1', contentType: 'application/json', body: { a: 1 } })[0].message).toMatch(
      /no body/,
    );
  });

  it('checks answers by status (falling back to default), content type and schema, with nullable', () => {
    expect(v.checkResponse('GET', '/items/1', 200, 'application/json', { id: '1', note: null })).toEqual([]);
    expect(v.checkResponse('GET', '/items/1', 200, 'application/json', { id: 1 }).length).toBeGreaterThan(0);
    expect(v.checkResponse('GET', '/items/1', 404, 'application/json', { message: 'no' })).toEqual([]);
    expect(v.checkResponse('GET', '/items/1', 404, 'application/json', {}).length).toBe(1);
    expect(v.checkResponse('GET', '/items/special', 204, 'application/json', null)).toEqual([]);
    expect(v.checkResponse('GET', '/items/special', 200, 'application/json', null)[0].where).toBe('status');
    expect(() => v.assertResponse('GET', '/items/1', 200, 'text/plain', 'x')).toThrow(OpenApiViolation);
  });
});
