import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentAuth, RequireScopes, type AuthContext } from '../auth';
import { ApiError } from '../http';
import { parseBody } from '../http/parse-body';
import { ApiJsonBody, ApiJsonResponse, ApiProblemResponses } from '../openapi/decorators';
import { responseExamples as examples } from './response-examples';
import { batchResultView, submitBatchBody, type BatchResult } from './response-request';
import { ResponseSubmitter } from './response-submitter';
import { uuidShape } from './submission-http';
import type { SubmissionOutcome } from './submission-outcome';

const formIdParam = ApiParam({ name: 'formId', format: 'uuid', example: examples.formId });
/**
 * Batch submission (scope `responses:write`, within the key's organisation; another
 * organisation's form is 404). The single submission is a plain Fastify route: submission-route.ts.
 */
@ApiTags('responses')
@RequireScopes('responses:write')
@Controller('v1/forms/:formId/responses')
export class ResponsesController {
  constructor(private readonly submitter: ResponseSubmitter) {}

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
    const { responseId, formVersion, submittedAt, position } = outcome.accepted;
    return { index, status: 202, responseId, formVersion, submittedAt, position };
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
