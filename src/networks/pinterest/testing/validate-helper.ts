/**
 * Test-only: checks a post as Plaza does before saving it for a channel (modules/posts/validation.ts):
 * the adapter's own checks with the channel's settings, then what its capabilities declare.
 */
import { capabilityIssues } from '../../../modules/posts/capability-checks.ts';
import type { NetworkAdapter, PublishInput, ValidationIssue } from '../../types.ts';

export function validateVariantsLike(adapter: NetworkAdapter, input: PublishInput, settings: Record<string, unknown>): ValidationIssue[] {
  return [...adapter.validate(input, { settings }), ...capabilityIssues(adapter, input)];
}
