import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem';

/**
 * The one place every error becomes an HTTP answer: RFC 9457 `application/problem+json`.
 * Registered globally by `configureHttp`; it also receives Fastify's own errors (body parsing,
 * limits) and unknown routes, because Nest routes those through the global filters.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = toProblem(error, pathOf(request));
    if (problem.log === 'error') {
      this.logger.error({
        msg: 'request failed',
        method: request.method,
        path: problem.body.instance,
        err: error,
      });
    } else if (problem.log === 'warn') {
      this.logger.warn({ msg: problem.body.detail, code: problem.body.code, err: error });
    }
    if (reply.sent) return;
    void reply
      .status(problem.status)
      .headers(problem.headers)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(problem.body));
  }
}

function pathOf(request: FastifyRequest): string {
  const url = request.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
