import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** What a read endpoint parses besides its path: the query string and the headers. */
export interface ReadRequest {
  readonly query: unknown;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** `@ReadInput() read: ReadRequest`: hand it to ReadYourWrites.prepare. */
export const ReadInput = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ReadRequest => {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return { query: request.query, headers: request.headers };
  },
);
