/**
 * Test-only: checks HTTP requests and answers against a network's own OpenAPI 3.0 document, so
 * a local test server can refuse a request the real network would refuse (unknown path, wrong
 * parameter, body that breaks the schema) and can never answer in a shape the network does not
 * document. Path templates are matched, parameters read per their `style`/`explode`, and bodies
 * validated with ajv (the OpenAPI 3.0 dialect: `nullable`, `format: int64|binary|byte`).
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type Json = Record<string, unknown>;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Json;
  style?: string;
  explode?: boolean;
}

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  pathNames: string[];
  operationId?: string;
  raw: Json;
  parameters: Parameter[];
}

/** What a request looks like to the validator (the server passes what it received). */
export interface OpenApiRequest {
  method: string;
  /** Path on the network's host, e.g. `/2/tweets/123`. */
  path: string;
  query?: URLSearchParams;
  contentType?: string;
  /** Parsed body: JSON value, or the fields of a multipart form (strings, or `{ binary: true }` for files). */
  body?: unknown;
}

/** One mismatch with the document. */
export interface OpenApiProblem {
  where: string;
  message: string;
}

export class OpenApiViolation extends Error {
  constructor(
    readonly operation: string,
    readonly problems: OpenApiProblem[],
  ) {
    super(`${operation} breaks the OpenAPI document: ${problems.map((p) => `${p.where}: ${p.message}`).join('; ')}`);
    this.name = 'OpenApiViolation';
  }
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

// ajv-formats is CommonJS; its default export arrives wrapped under some loaders.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

/** A validator over one OpenAPI 3.0 document (parsed JSON). */
export class OpenApiValidator {
  private readonly ajv: Ajv;
  private readonly operations: Operation[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly document: Json) {
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, coerceTypes: false });
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
    this.ajv.addSchema(document as object, 'openapi');
    const paths = (document.paths ?? {}) as Record<string, Json>;
    for (const [template, item] of Object.entries(paths)) {
      const pathNames: string[] = [];
      const source = template
        .split(/(\{[^}]+\})/)
        .map((part) => {
          const name = /^\{([^}]+)\}$/.exec(part)?.[1];
          if (name) {
            pathNames.push(name);
            return '([^/]+)';
          }
          return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
        })
        .join('');
      const shared = ((item.parameters ?? []) as Json[]).map((p) => this.deref(p) as unknown as Parameter);
      for (const method of METHODS) {
        const raw = item[method] as Json | undefined;
        if (!raw) continue;
        const own = ((raw.parameters ?? []) as Json[]).map((p) => this.deref(p) as unknown as Parameter);
        this.operations.push({
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(`^${source}$`),
          pathNames,
          operationId: raw.operationId as string | undefined,
          raw,
          parameters: [...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)), ...own],
        });
      }
    }
    // Literal paths win over templates (`/2/users/me` before `/2/users/{id}`).
    this.operations.sort((a, b) => a.pathNames.length - b.pathNames.length);
  }

  /** The documented operation for `method path`, or undefined. */
  findOperation(method: string, path: string): { operation: Operation; pathParams: Record<string, string> } | undefined {
    for (const operation of this.operations) {
      if (operation.method !== method.toUpperCase()) continue;
      const match = operation.pattern.exec(path);
      if (!match) continue;
      const pathParams: Record<string, string> = {};
      operation.pathNames.forEach((name, i) => {
        pathParams[name] = decodeURIComponent(match[i + 1]);
      });
      return { operation, pathParams };
    }
    return undefined;
  }

  /** Problems with a request (empty when it conforms). */
  checkRequest(request: OpenApiRequest): OpenApiProblem[] {
    const found = this.findOperation(request.method, request.path);
    if (!found) return [{ where: 'path', message: `${request.method} ${request.path} is not in the document` }];
    const { operation, pathParams } = found;
    const problems: OpenApiProblem[] = [];
    const query = request.query ?? new URLSearchParams();
    for (const parameter of operation.parameters) {
      if (parameter.in !== 'path' && parameter.in !== 'query') continue;
      const raw = parameter.in === 'path' ? pathParams[parameter.name] : query.get(parameter.name);
      if (raw === undefined || raw === null) {
        if (parameter.required) problems.push({ where: `${parameter.in}.${parameter.name}`, message: 'is required' });
        continue;
      }
      const value = this.readParameter(parameter, raw, query);
      problems.push(...this.check(parameter.schema ?? {}, value, `${parameter.in}.${parameter.name}`));
    }
    for (const name of query.keys()) {
      if (!operation.parameters.some((p) => p.in === 'query' && p.name === name)) {
        problems.push({ where: `query.${name}`, message: 'is not a documented parameter' });
      }
    }
    const requestBody = operation.raw.requestBody ? (this.deref(operation.raw.requestBody as Json) as Json) : undefined;
    if (requestBody) {
      const content = (requestBody.content ?? {}) as Record<string, Json>;
      const mediaType = (request.contentType ?? '').split(';')[0].trim().toLowerCase();
      if (request.body === undefined) {
        if (requestBody.required) problems.push({ where: 'body', message: 'is required' });
      } else if (!content[mediaType]) {
        problems.push({ where: 'body', message: `content type ${mediaType || '(none)'} is not accepted` });
      } else {
        const schema = (content[mediaType].schema ?? {}) as Json;
        const body = mediaType === 'multipart/form-data' ? this.readForm(schema, request.body as Record<string, unknown>) : request.body;
        problems.push(...this.check(schema, body, 'body'));
      }
    } else if (request.body !== undefined && request.body !== null && request.body !== '') {
      problems.push({ where: 'body', message: 'this operation takes no body' });
    }
    return problems;
  }

  /** Problems with an answer to `method path` (status and parsed JSON body). */
  checkResponse(method: string, path: string, status: number, contentType: string, body: unknown): OpenApiProblem[] {
    const found = this.findOperation(method, path);
    if (!found) return [{ where: 'path', message: `${method} ${path} is not in the document` }];
    const responses = (found.operation.raw.responses ?? {}) as Record<string, Json>;
    const declared = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
    if (!declared) return [{ where: 'status', message: `${status} is not a documented answer` }];
    const response = this.deref(declared) as Json;
    const content = (response.content ?? {}) as Record<string, Json>;
    if (Object.keys(content).length === 0)
      return body === undefined || body === null ? [] : [{ where: 'body', message: 'no body documented' }];
    const mediaType = contentType.split(';')[0].trim().toLowerCase();
    if (!content[mediaType]) return [{ where: 'content-type', message: `${mediaType} is not documented for ${status}` }];
    return this.check((content[mediaType].schema ?? {}) as Json, body, `response ${status}`);
  }

  /** Throws OpenApiViolation when the request breaks the document. */
  assertRequest(request: OpenApiRequest): void {
    const problems = this.checkRequest(request);
    if (problems.length > 0) throw new OpenApiViolation(`${request.method} ${request.path}`, problems);
  }

  /** Throws OpenApiViolation when the answer breaks the document. */
  assertResponse(method: string, path: string, status: number, contentType: string, body: unknown): void {
    const problems = this.checkResponse(method, path, status, contentType, body);
    if (problems.length > 0) throw new OpenApiViolation(`answer ${status} to ${method} ${path}`, problems);
  }

  private deref(node: Json): Json {
    let current = node;
    for (let depth = 0; depth < 10 && typeof current.$ref === 'string'; depth += 1) {
      const pointer = (current.$ref as string).replace(/^#\//, '').split('/');
      let target: unknown = this.document;
      for (const key of pointer) target = (target as Json)[key.replace(/~1/g, '/').replace(/~0/g, '~')];
      current = target as Json;
    }
    return current;
  }

  /** Parameter text → the value its schema describes (arrays split per style, numbers and booleans read). */
  private readParameter(parameter: Parameter, raw: string, query: URLSearchParams): unknown {
    const schema = this.deref(parameter.schema ?? {});
    if (schema.type === 'array') {
      const items = parameter.in === 'query' && parameter.explode !== false ? query.getAll(parameter.name) : raw.split(',');
      const itemSchema = this.deref((schema.items ?? {}) as Json);
      return items.map((item) => scalar(itemSchema, item));
    }
    return scalar(schema, raw);
  }

  /** Multipart fields → an object for the schema: numbers read, files as a placeholder string. */
  private readForm(schema: Json, fields: Record<string, unknown>): Json {
    const properties = (this.deref(schema).properties ?? {}) as Record<string, Json>;
    const result: Json = {};
    for (const [name, value] of Object.entries(fields)) {
      const property = properties[name] ? this.deref(properties[name]) : {};
      result[name] = typeof value === 'string' ? scalar(property, value) : 'binary';
    }
    return result;
  }

  private check(schema: Json, value: unknown, where: string): OpenApiProblem[] {
    const key = JSON.stringify(schema);
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(rebase(schema));
      this.compiled.set(key, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? [])
      .slice(0, 8)
      .map((error) => ({ where: `${where}${error.instancePath}`, message: error.message ?? 'invalid' }));
  }
}

/** Local refs (`#/components/...`) point into the document added as 'openapi'. */
function rebase(schema: Json): Json {
  return JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, '"$ref":"openapi#/'));
}

function scalar(schema: Json, raw: string): unknown {
  if (schema.type === 'integer' || schema.type === 'number') {
    const n = Number(raw);
    return raw.trim() !== '' && Number.isFinite(n) ? n : raw;
  }
  if (schema.type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}
