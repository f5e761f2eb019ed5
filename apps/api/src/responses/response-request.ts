import { z } from 'zod';
import { formLimits } from '../forms/domain';
import { parseJsonText } from '../http/json-text';
import { parseBody } from '../http/parse-body';

/**
 * Request shapes of response submission. Strict objects: an unknown field is a 422, never
 * silently dropped. Shapes only; values are checked against the published form by the domain
 * (validateAnswers, validateEnvelope), which knows the question types and limits.
 */

// Visible ASCII, inner spaces allowed: what fits a header unencoded and survives logging.
const idempotencyKeyPattern = /^[\x21-\x7e](?:[\x20-\x7e]{0,253}[\x21-\x7e])?$/;
const idempotencyKeyRule =
  'Send an Idempotency-Key of 1 to 255 visible ASCII characters (a UUID is a good choice).';

/** Why an Idempotency-Key is refused, or null when it is fine. */
export function idempotencyKeyProblem(key: string): string | null {
  return idempotencyKeyPattern.test(key) ? null : idempotencyKeyRule;
}

/** Most responses a batch may carry; more is a 422 (`too_big` at `/items`). */
export const maxBatchItems = 500;

/** Shared by the zod shapes and plainlyFitsSubmission, so the two cannot drift apart. */
const questionIdMaxLength = 64;
const submittedAtMaxLength = 40;

const answer = z.strictObject({
  questionId: z.string().min(1).max(questionIdMaxLength),
  /** Typed by the question: string, number, boolean or a list of option ids; null = unanswered. */
  value: z.unknown(),
});

const metadata = z.strictObject({
  source: z.string().optional(),
  hiddenFields: z.record(z.string(), z.string()).optional(),
  locale: z.string().optional(),
});

const submission = {
  answers: z.array(answer).max(formLimits.maxQuestions),
  /** Epoch milliseconds or ISO 8601 with offset; absent means when the API received it. */
  submittedAt: z.union([z.number(), z.string().max(submittedAtMaxLength)]).optional(),
  metadata: metadata.optional(),
};

export const submitResponseBody = z.strictObject(submission);
export type SubmitResponseBody = z.output<typeof submitResponseBody>;

/**
 * `body` as a SubmitResponseBody: used as it is when it plainly fits the shape (the common case,
 * checked in one pass without copying it), else through zod, which also words the 422. zod alone
 * was a tenth of the ingestion route's CPU (tools/bench/ingest.ts).
 */
export function readSubmitResponseBody(body: unknown): SubmitResponseBody {
  return plainlyFitsSubmission(body) ? body : parseBody(submitResponseBody, body);
}

/** A submission body kept as text (`JsonText`): parsed, then read as readSubmitResponseBody does. */
export function readSubmissionJson(text: string): SubmitResponseBody {
  return readSubmitResponseBody(parseJsonText(text));
}

/**
 * True only when zod would accept `body` and return an equal value: a conservative subset of
 * submitResponseBody for JSON input (anything unusual answers false and goes to zod). Kept in
 * step with the schema by response-request.unit.spec.ts.
 */
export function plainlyFitsSubmission(body: unknown): body is SubmitResponseBody {
  if (!isPlainObject(body)) return false;
  for (const key in body) {
    if (key !== 'answers' && key !== 'submittedAt' && key !== 'metadata') return false;
  }
  const { answers, submittedAt, metadata } = body;
  if (!Array.isArray(answers) || answers.length > formLimits.maxQuestions) return false;
  for (const answer of answers as unknown[]) {
    if (!isPlainObject(answer)) return false;
    for (const key in answer) if (key !== 'questionId' && key !== 'value') return false;
    const { questionId, value } = answer;
    if (
      typeof questionId !== 'string' ||
      questionId.length < 1 ||
      questionId.length > questionIdMaxLength
    ) {
      return false;
    }
    if (value === undefined) return false; // zod wants the key, even when null
  }
  const submittedAtFits =
    submittedAt === undefined ||
    typeof submittedAt === 'number' ||
    (typeof submittedAt === 'string' && submittedAt.length <= submittedAtMaxLength);
  return submittedAtFits && (metadata === undefined || plainlyFitsMetadata(metadata));
}

function plainlyFitsMetadata(metadata: unknown): boolean {
  if (!isPlainObject(metadata)) return false;
  for (const key in metadata) {
    const value = metadata[key];
    if (key === 'source' || key === 'locale') {
      if (typeof value !== 'string') return false;
    } else if (key !== 'hiddenFields' || !isPlainObject(value)) {
      return false;
    } else {
      for (const name in value) if (typeof value[name] !== 'string') return false;
    }
  }
  return true;
}

/** An object as JSON.parse makes them: not an array, not null, Object's prototype. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype
  );
}

export const batchItemBody = z.strictObject({
  idempotencyKey: z.string().regex(idempotencyKeyPattern, idempotencyKeyRule).optional(),
  ...submission,
});

export const submitBatchBody = z.strictObject({
  items: z.array(batchItemBody).min(1).max(maxBatchItems),
});
export type SubmitBatchBody = z.output<typeof submitBatchBody>;

/** One response to submit, from either endpoint. */
export interface SubmissionInput {
  readonly answers: readonly { readonly questionId: string; readonly value?: unknown }[];
  readonly submittedAt?: number | string | undefined;
  readonly metadata?: z.output<typeof metadata> | undefined;
}

/** A response to submit and the Idempotency-Key it came with. */
export interface SubmissionItem {
  readonly input: SubmissionInput;
  readonly idempotencyKey?: string | undefined;
}

const eventPositionView = z.object({
  topic: z.string(),
  partition: z.number().int(),
  offset: z.string().describe('a decimal string: Kafka offsets are 64-bit'),
});

export const acceptedResponseView = z.object({
  responseId: z.string().describe('UUID v7, assigned by the API'),
  formId: z.string(),
  formVersion: z
    .number()
    .int()
    .describe('the published version the answers were validated against'),
  submittedAt: z.string().describe('ISO 8601'),
  position: eventPositionView
    .optional()
    .describe(
      'where the event landed; send it as X-Collect-Min-Position (topic:partition:offset) to read the response back at once',
    ),
});

const itemErrorView = z.object({
  path: z.string().describe('JSON Pointer into the item'),
  code: z.string(),
  message: z.string(),
  questionId: z.string().optional(),
});

export const batchResultView = z.object({
  items: z.array(
    z.object({
      index: z.number().int(),
      status: z.union([
        z.literal(202),
        z.literal(400),
        z.literal(404),
        z.literal(409),
        z.literal(422),
        z.literal(500),
        z.literal(503),
      ]),
      responseId: z.string().optional(),
      formVersion: z.number().int().optional(),
      submittedAt: z.string().optional(),
      position: eventPositionView.optional(),
      code: z.string().optional(),
      message: z.string().optional(),
      errors: z.array(itemErrorView).optional(),
      retryAfterSeconds: z.number().int().optional(),
    }),
  ),
});
export type BatchResult = z.output<typeof batchResultView>;
