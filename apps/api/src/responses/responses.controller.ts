import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentAuth, RequireScopes, type AuthContext } from '../auth';
import { ApiError } from '../http';
import { parseBody } from '../http/parse-body';
import { ApiJsonBody, ApiJsonResponse, ApiProblemResponses } from '../openapi/decorators';
import { responseExamples as examples } from './response-examples';
import {
  acceptedResponseView,
  batchResultView,
  idempotencyKeyProblem,
  submitBatchBody,
  submitResponseBody,
  type BatchResult,
} from './response-request';
import { ResponseSubmitter } from './response-submitter';
import type { AcceptedResponse, SubmissionOutcome } from './submission-outcome';

const formIdParam = ApiParam({ name: 'formId', format: 'uuid', example: examples.formId });
const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function readIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const problem = idempotencyKeyProblem(header);
  if (problem) throw ApiError.badRequest('invalid-idempotency-key', problem);
  return header;
}

function problemOf(outcome: Exclude<SubmissionOutcome, { status: 202 }>): ApiError {
  return new ApiError({
    code: outcome.code,
    status: outcome.status,
    message: outcome.message,
    errors: outcome.errors,
    retryAfterSeconds: outcome.retryAfterSeconds,
  });
}

/**
 * Response submission (scope `responses:write`, within the key's organisation; another
 * organisation's form is 404). 202 only after Kafka acknowledged the ResponseSubmitted event.
 */
@ApiTags('responses')
@RequireScopes('responses:write')
@Controller('v1/forms/:formId/responses')
export class ResponsesController {
  constructor(private readonly submitter: ResponseSubmitter) {}

  @Post()
  @HttpCode(202)
  @formIdParam
  @ApiOperation({
    summary: 'Submit a response',
    description:
      "Validates the answers against the form's published version and answers 202 once the response is stored in the event log. With an Idempotency-Key, a retry (same key, same body) returns the first 202 and stores nothing twice; the same key with another body is 422 idempotency-key-reused; a retry while the first is still in flight waits for it (409 idempotency-key-in-progress if it takes too long). Rejections (404, 409, 422, 503) are not remembered: a retry with the same key is evaluated afresh. 503 (Kafka unavailable, Retry-After) is safe to retry with the same key.",
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: '1-255 visible ASCII characters, unique per response (a UUID); remembered 24 h',
  })
  @ApiJsonBody(submitResponseBody, examples.submission)
  @ApiJsonResponse(202, acceptedResponseView, examples.accepted, 'stored; the response id')
  @ApiProblemResponses(400, 404, 409, 413, 415, 422, 503)
  async submit(
    @CurrentAuth() auth: AuthContext,
    @Param('formId') formId: string,
    @Headers('idempotency-key') idempotencyKeyHeader: string | undefined,
    @Body() body: unknown,
  ): Promise<AcceptedResponse> {
    const idempotencyKey = readIdempotencyKey(idempotencyKeyHeader);
    const input = parseBody(submitResponseBody, body);
    if (!uuidShape.test(formId)) throw ApiError.notFound('The form', 'form-not-found');
    const [outcome] = await this.submitter.submit(auth.orgId, formId, [{ input, idempotencyKey }]);
    if (outcome!.status === 202) return outcome!.accepted;
    throw problemOf(outcome!);
  }

  @Post('batch')
  @HttpCode(200)
  @formIdParam
  @ApiOperation({
    summary: 'Submit many responses (offline sync)',
    description:
      'Up to 500 responses to one form. Answers 200 with one outcome per item in input order: 202 (stored, with responseId), 404/409 (form unknown, not published or closed), 422 (invalid answers, idempotency key reused), 503 (Kafka unavailable: retry those items with the same idempotencyKey). Give each item an idempotencyKey so retrying the whole batch never stores a response twice.',
  })
  @ApiJsonBody(submitBatchBody, examples.batch)
  @ApiJsonResponse(200, batchResultView, examples.batchResult, 'one outcome per item')
  @ApiProblemResponses(400, 404, 413, 415, 422)
  async submitBatch(
    @CurrentAuth() auth: AuthContext,
    @Param('formId') formId: string,
    @Headers('idempotency-key') idempotencyKeyHeader: string | undefined,
    @Body() body: unknown,
  ): Promise<BatchResult> {
    if (idempotencyKeyHeader !== undefined) {
      throw ApiError.badRequest(
        'idempotency-key-per-item',
        'A batch takes no Idempotency-Key header: give each item its own idempotencyKey.',
      );
    }
    const { items } = parseBody(submitBatchBody, body);
    if (!uuidShape.test(formId)) throw ApiError.notFound('The form', 'form-not-found');
    const outcomes = await this.submitter.submit(
      auth.orgId,
      formId,
      items.map(({ idempotencyKey, ...input }) => ({ input, idempotencyKey })),
    );
    return { items: outcomes.map(batchItemOf) };
  }
}

function batchItemOf(outcome: SubmissionOutcome, index: number): BatchResult['items'][number] {
  if (outcome.status === 202) {
    const { responseId, formVersion, submittedAt } = outcome.accepted;
    return { index, status: 202, responseId, formVersion, submittedAt };
  }
  const { status, code, message, errors, retryAfterSeconds } = outcome;
  return {
    index,
    status,
    code,
    message,
    ...(errors ? { errors: [...errors] } : {}),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  };
}
