import type { z } from 'zod';
import type { ProblemFieldError } from './api-error';

/** One problem entry per zod issue; an unknown-keys issue becomes one entry per unknown key. */
export function zodIssuesToFieldErrors(issues: readonly z.core.$ZodIssue[]): ProblemFieldError[] {
  return issues.flatMap((issue): ProblemFieldError[] => {
    const path = issue.path.filter(isPathSegment);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: jsonPointer([...path, key]),
        code: 'unrecognized_key',
        message: `unknown field "${key}"`,
      }));
    }
    return [{ path: jsonPointer(path), code: issue.code, message: issue.message }];
  });
}

/** RFC 6901: `['answers', 0, 'a/b']` → `/answers/0/a~1b`. */
export function jsonPointer(path: readonly (string | number)[]): string {
  return path
    .map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`)
    .join('');
}

function isPathSegment(segment: PropertyKey): segment is string | number {
  return typeof segment !== 'symbol';
}
