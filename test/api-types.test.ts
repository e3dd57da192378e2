import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, generateApiTypes } from '../tools/gen-api-types.ts';

describe('web app API types', () => {
  it('web/src/api/schema.d.ts is generated from the current OpenAPI document (run `npm run gen:api` when this fails)', {
    timeout: 180_000,
  }, async () => {
    const fresh = await generateApiTypes();
    const committed = fs.readFileSync(API_TYPES_FILE, 'utf8');
    // toBe would print two 5,000-line files; a boolean with the hint keeps the failure readable.
    expect(committed === fresh, 'web/src/api/schema.d.ts is stale: run `npm run gen:api`').toBe(true);
  });
});
