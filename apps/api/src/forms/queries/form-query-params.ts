import { z } from 'zod';
import { consistencyQueryFields, cursorParam, limitParam } from '../../read-model';

export const FORM_PAGE_DEFAULT = 50;
export const FORM_PAGE_MAX = 200;

/** `GET /v1/forms` query: strict, so a misspelt parameter is a 422 rather than silently ignored. */
export const formListQuery = z.strictObject({
  limit: limitParam(FORM_PAGE_MAX).optional(),
  cursor: cursorParam('forms').optional(),
  status: z.enum(['draft', 'published', 'closed']).optional(),
  ...consistencyQueryFields,
});

/** `GET /v1/forms/{formId}` query. */
export const formReadQuery = z.strictObject({ ...consistencyQueryFields });
