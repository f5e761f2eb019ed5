import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { z } from 'zod';
import { ApiError } from './api-error';
import { PROBLEM_TYPE_BASE, toProblem } from './problem';

function fastifyError(code: string, statusCode: number, message: string): Error {
  return Object.assign(new Error(message), { code, statusCode });
}

describe('toProblem: every error becomes an RFC 9457 problem', () => {
  it('keeps an ApiError’s status, code, detail, per-field errors and details, and sets Retry-After', () => {
    const problem = toProblem(
      new ApiError({
        code: 'form-closed',
        status: 409,
        message: 'the form is closed',
        retryAfterSeconds: 2.2,
        details: { formId: 'f1' },
        errors: [{ path: '/answers/0', code: 'required', message: 'required' }],
      }),
      '/v1/forms/f1/responses',
    );
    expect(problem.status).toBe(409);
    expect(problem.headers).toEqual({ 'retry-after': '3' });
    expect(problem.body).toEqual({
      type: `${PROBLEM_TYPE_BASE}form-closed`,
      title: 'Conflict',
      status: 409,
      detail: 'the form is closed',
      instance: '/v1/forms/f1/responses',
      code: 'form-closed',
      formId: 'f1',
      errors: [{ path: '/answers/0', code: 'required', message: 'required' }],
    });
    expect(problem.log).toBeUndefined();
  });

  it('does not let ApiError details overwrite the standard members', () => {
    const problem = toProblem(
      new ApiError({
        code: 'x',
        status: 400,
        message: 'm',
        details: { status: 200, type: 'evil' },
      }),
      '/p',
    );
    expect(problem.body.status).toBe(400);
    expect(problem.body.type).toBe(`${PROBLEM_TYPE_BASE}x`);
  });

  it('answers a 503 ApiError with Retry-After and logs it as a warning', () => {
    const problem = toProblem(ApiError.unavailable('kafka-unavailable', 'Kafka is down', 5), '/p');
    expect(problem.status).toBe(503);
    expect(problem.headers['retry-after']).toBe('5');
    expect(problem.log).toBe('warn');
  });

  it('turns a zod error into a 422 with one entry per issue and one per unknown field', () => {
    const schema = z.strictObject({ name: z.string().max(3), age: z.number() });
    const result = schema.safeParse({ name: 'toolong', age: 'x', extra: 1, more: 2 });
    const problem = toProblem(result.error, '/p');
    expect(problem.status).toBe(422);
    expect(problem.body.code).toBe('validation-failed');
    expect(problem.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '/name', code: 'too_big' }),
        expect.objectContaining({ path: '/age', code: 'invalid_type' }),
        { path: '/extra', code: 'unrecognized_key', message: 'unknown field "extra"' },
        { path: '/more', code: 'unrecognized_key', message: 'unknown field "more"' },
      ]),
    );
    expect(problem.body.errors).toHaveLength(4);
  });

  it('maps Nest HttpExceptions to their status with a code derived from it', () => {
    expect(toProblem(new NotFoundException('Cannot GET /x'), '/x').body).toMatchObject({
      status: 404,
      code: 'not-found',
      detail: 'Cannot GET /x',
    });
    expect(toProblem(new BadRequestException('bad'), '/x').body).toMatchObject({
      status: 400,
      code: 'bad-request',
    });
    expect(toProblem(new HttpException('Request body is too large', 413), '/x').body).toMatchObject(
      {
        status: 413,
        code: 'payload-too-large',
      },
    );
  });

  it('hides the message of a 5xx HttpException and logs it', () => {
    const problem = toProblem(new HttpException('db password is hunter2', 500), '/x');
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem.body)).not.toContain('hunter2');
    expect(problem.log).toBe('error');
  });

  it.each([
    ['FST_ERR_CTP_BODY_TOO_LARGE', 413, 'payload-too-large'],
    ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 'unsupported-media-type'],
    ['FST_ERR_CTP_EMPTY_JSON_BODY', 400, 'empty-json-body'],
    ['FST_ERR_CTP_INVALID_CONTENT_LENGTH', 400, 'invalid-content-length'],
    ['FST_ERR_SOMETHING_NEW', 431, 'headers-too-large'],
  ])('maps Fastify’s %s to %i %s', (code, status, expected) => {
    const problem = toProblem(fastifyError(code, status, 'from fastify'), '/x');
    expect(problem.status).toBe(status);
    expect(problem.body.code).toBe(expected);
    expect(problem.log).toBeUndefined();
  });

  it('maps a JSON SyntaxError carrying status 400 to malformed-json', () => {
    const error = Object.assign(new SyntaxError('Unexpected token'), { statusCode: 400 });
    expect(toProblem(error, '/x').body).toMatchObject({ status: 400, code: 'malformed-json' });
  });

  it('answers an unknown error with a 500 that reveals nothing and is logged', () => {
    const problem = toProblem(
      new TypeError("Cannot read properties of undefined (reading 'x')"),
      '/x',
    );
    expect(problem.status).toBe(500);
    expect(problem.body).toMatchObject({ code: 'internal', type: `${PROBLEM_TYPE_BASE}internal` });
    expect(JSON.stringify(problem.body)).not.toContain('Cannot read');
    expect(problem.log).toBe('error');
  });

  it('answers a thrown non-Error and a 5xx-carrying foreign error with a 500', () => {
    expect(toProblem('a string', '/x').status).toBe(500);
    expect(toProblem(fastifyError('FST_ERR_X', 500, 'internal'), '/x').status).toBe(500);
  });
});
