/**
 * Shared pieces of response schemas (kernel). Answers are checked against their route's
 * response schema by the serializer, and the OpenAPI document is generated from them.
 */
import { z } from 'zod';

/** An instant: a Date from the database (sent as ISO 8601) or an ISO 8601 string already formatted. OpenAPI: string, date-time. */
export const instant = z.union([z.date(), z.iso.datetime({ offset: true })]);

/** A calendar day in the brand's zone, YYYY-MM-DD. */
export const day = z.iso.date();

/** `{ items: T[] }`, the shape of every unpaginated list. */
export const listSchema = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** `{ items: T[], nextCursor }`, the shape of every cursor-paginated list (lib/pagination.ts). */
export const pageSchema = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** A 204 answer has no body. */
export const noContent = z.null();

/** A file in an answer (an image, a PDF, a CSV): the bytes as sent. OpenAPI: string, binary. */
export const binary = (description: string) =>
  z.custom<Buffer | Uint8Array | string>().meta({ type: 'string', format: 'binary', description });
