import { createHash } from 'node:crypto';
import type { SubmissionInput } from '../response-request';

/** JSON with object keys sorted at every level: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * What a retried submission must repeat for its Idempotency-Key to return the first outcome:
 * the form and the submission, whichever endpoint carried it. Key order and whitespace do not
 * matter; any other difference does.
 */
export function submissionFingerprint(formId: string, input: SubmissionInput): string {
  const { answers, submittedAt, metadata } = input;
  return createHash('sha256')
    .update(canonicalJson({ formId, answers, submittedAt, metadata }))
    .digest('base64url');
}
