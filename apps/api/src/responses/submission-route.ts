import { Injectable, type OnModuleInit } from '@nestjs/common';
import { metrics } from '@opentelemetry/api';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { Authenticator, requireScopes } from '../auth';
import { ApiError } from '../http';
import { jsonAsText } from '../http/json-body-parser';
import { JsonText } from '../http/json-text';
import { readSubmissionJson, readSubmitResponseBody } from './response-request';
import { ResponseSubmitter } from './response-submitter';
import { problemOf, readIdempotencyKey, uuidShape } from './submission-http';
import type { SubmissionOutcome } from './submission-outcome';

export const submissionPath = '/v1/forms/:formId/responses';

/**
 * `POST /v1/forms/{formId}/responses`, the one route that carries the ingestion load, as a plain
 * Fastify route: Nest's router, guards and per-request logging middleware cost more than the
 * submission itself (tools/bench/ingest.ts). Same behaviour as a Nest route: the same
 * authentication (401/403/429), body limits and errors: thrown here or answered by the pipeline,
 * they reach Nest's exception filters (problem+json). The body stays JSON text (`jsonAsText`):
 * without an Idempotency-Key it is parsed on the submission thread, off the request thread.
 * OpenAPI describes it in submission-docs.ts.
 */
@Injectable()
export class SubmissionRoute implements OnModuleInit {
  // Submissions have no per-request log line (LoggingModule unloggedRoutes): this counts them.
  private readonly submissions = metrics
    .getMeter('collect-api')
    .createCounter('collect.api.submissions', {
      description: 'single-response submissions answered, by HTTP status',
    });

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly authenticator: Authenticator,
    private readonly submitter: ResponseSubmitter,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', (request, reply, done) => {
      if (request.routeOptions.url === submissionPath && request.method === 'POST') {
        this.submissions.add(1, { 'http.response.status_code': reply.statusCode });
      }
      done();
    });
    fastify.post<{ Params: { formId: string }; Body: unknown }>(
      submissionPath,
      { config: jsonAsText },
      async (request, reply) => {
        const auth = await this.authenticator.authenticateHeaders(request.headers);
        requireScopes(auth, ['responses:write']);
        const idempotencyKey = readIdempotencyKey(request.headers['idempotency-key']);
        const { formId } = request.params;
        if (!uuidShape.test(formId)) throw ApiError.notFound('The form', 'form-not-found');
        const outcome =
          idempotencyKey === undefined
            ? await this.submitter.submitJson(auth.orgId, formId, jsonTextOf(request.body))
            : await this.submitKeyed(auth.orgId, formId, jsonTextOf(request.body), idempotencyKey);
        if (outcome.status !== 202) throw problemOf(outcome);
        return reply.code(202).send(outcome.accepted);
      },
    );
  }

  /** With an Idempotency-Key the body is read here: the claim remembers what it carried. */
  private async submitKeyed(
    orgId: string,
    formId: string,
    jsonText: string,
    idempotencyKey: string,
  ): Promise<SubmissionOutcome> {
    const input = readSubmissionJson(jsonText);
    const [outcome] = await this.submitter.submit(orgId, formId, [{ input, idempotencyKey }]);
    return outcome!;
  }
}

/** The body's JSON text; a request without a JSON body gets the 422 the shape check words. */
function jsonTextOf(body: unknown): string {
  if (body instanceof JsonText) return body.text;
  return JSON.stringify(readSubmitResponseBody(body));
}
