import { Injectable, type OnModuleInit } from '@nestjs/common';
import { metrics } from '@opentelemetry/api';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { Authenticator, requireScopes } from '../auth';
import { ApiError } from '../http';
import { readSubmitResponseBody } from './response-request';
import { ResponseSubmitter } from './response-submitter';
import { problemOf, readIdempotencyKey, uuidShape } from './submission-http';

export const submissionPath = '/v1/forms/:formId/responses';

/**
 * `POST /v1/forms/{formId}/responses`, the one route that carries the ingestion load, as a plain
 * Fastify route: Nest's router, guards and per-request logging middleware cost more than the
 * submission itself (tools/bench/ingest.ts). Same behaviour as a Nest route: the same
 * authentication (401/403/429), body parser and limits, and errors thrown here reach Nest's
 * exception filters (problem+json). OpenAPI describes it in submission-docs.ts.
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
    fastify.post<{ Params: { formId: string } }>(submissionPath, async (request, reply) => {
      const auth = await this.authenticator.authenticateHeaders(request.headers);
      requireScopes(auth, ['responses:write']);
      const idempotencyKey = readIdempotencyKey(request.headers['idempotency-key']);
      const input = readSubmitResponseBody(request.body);
      const { formId } = request.params;
      if (!uuidShape.test(formId)) throw ApiError.notFound('The form', 'form-not-found');
      const [outcome] = await this.submitter.submit(auth.orgId, formId, [
        { input, idempotencyKey },
      ]);
      if (outcome!.status !== 202) throw problemOf(outcome!);
      return reply.code(202).send(outcome!.accepted);
    });
  }
}
