import { z } from 'zod';
import { consistencyQueryFields, cursorParam, instantParam, limitParam } from '../../read-model';

export const RESPONSE_PAGE_DEFAULT = 100;
export const RESPONSE_PAGE_MAX = 1000;

/** `submittedFrom` (inclusive) and `submittedTo` (exclusive): a half-open range of submittedAt. */
const rangeFields = {
  submittedFrom: instantParam.optional(),
  submittedTo: instantParam.optional(),
};

type Range = { readonly submittedFrom?: string; readonly submittedTo?: string };

const orderedRange = <Q extends Range>(query: Q) =>
  query.submittedFrom === undefined ||
  query.submittedTo === undefined ||
  Date.parse(query.submittedFrom) <= Date.parse(query.submittedTo);
const rangeProblem = {
  path: ['submittedTo'],
  message: 'submittedTo must not be before submittedFrom',
};

/** `GET /v1/forms/{formId}/responses` query (strict: an unknown parameter is a 422). */
export const responseListQuery = z
  .strictObject({
    limit: limitParam(RESPONSE_PAGE_MAX).optional(),
    cursor: cursorParam('responses').optional(),
    ...rangeFields,
    ...consistencyQueryFields,
  })
  .refine(orderedRange, rangeProblem);

/** `GET /v1/forms/{formId}/responses.csv` query. */
export const responseCsvQuery = z
  .strictObject({ ...rangeFields, ...consistencyQueryFields })
  .refine(orderedRange, rangeProblem);

/** `GET /v1/responses/{responseId}` query. */
export const responseReadQuery = z.strictObject({ ...consistencyQueryFields });

export type SubmittedRange = Range;
