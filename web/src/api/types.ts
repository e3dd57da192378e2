import type { paths } from './schema.d.ts';

/**
 * Types derived from the generated OpenAPI schema (schema.d.ts, `npm run gen:api`).
 * `ApiResponse<'/api/v1/workspaces/{workspaceId}/media', 'post'>` is the JSON a route answers with
 * (`unknown` for a route without a response schema; every route declares one).
 */
export type ApiPath = keyof paths;
export type ApiMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The methods a path has. */
export type ApiMethodOf<P extends ApiPath> = {
  [M in ApiMethod]: paths[P][M] extends { responses: unknown } ? M : never;
}[ApiMethod];

/** One operation (path + method) of the schema. */
export type ApiOperation<P extends ApiPath, M extends ApiMethodOf<P>> = NonNullable<paths[P][M]>;

type JsonOf<R> = R extends { content: { 'application/json': infer Body } } ? Body : unknown;
type Responses<P extends ApiPath, M extends ApiMethodOf<P>> = ApiOperation<P, M> extends { responses: infer R } ? R : never;
type Success<R> = R extends { 200: infer A } ? A : R extends { 201: infer A } ? A : R extends { 202: infer A } ? A : never;

/** The JSON body of the success answer (200, 201 or 202); `unknown` while the route has no response schema. */
export type ApiResponse<P extends ApiPath, M extends ApiMethodOf<P>> = JsonOf<Success<Responses<P, M>>>;

/** One item of a `{ items }` answer. */
export type ApiItem<P extends ApiPath, M extends ApiMethodOf<P>> = ApiResponse<P, M> extends { items: Array<infer Item> } ? Item : unknown;

/** The JSON request body a route accepts. */
export type ApiBody<P extends ApiPath, M extends ApiMethodOf<P>> =
  ApiOperation<P, M> extends { requestBody?: { content: { 'application/json': infer Body } } } ? Body : never;

/** The path parameters of a route (`{ workspaceId: string; … }`). */
export type ApiParams<P extends ApiPath, M extends ApiMethodOf<P>> =
  ApiOperation<P, M> extends { parameters: { path: infer Params } } ? Params : never;

/** The query string parameters of a route. */
export type ApiQuery<P extends ApiPath, M extends ApiMethodOf<P>> =
  ApiOperation<P, M> extends { parameters: { query?: infer Query } } ? Query : never;
