import secureJsonParse from 'secure-json-parse';
import { ApiError } from './api-error';

/**
 * A JSON body kept as text, for a route that has it parsed elsewhere (the submission route hands
 * it to the submission thread): what the JSON body parser gives such a route instead of a value.
 * The text passed the size and depth limits; `parseJsonText` reads it (an empty one is a 400).
 */
export class JsonText {
  constructor(readonly text: string) {}
}

/**
 * The value of a JSON body, as every route reads it: `__proto__` and `constructor.prototype` keys
 * refused (secure-json-parse, what Fastify uses). Throws a 400 ApiError (`empty-json-body`,
 * `malformed-json`) naming what is wrong.
 */
export function parseJsonText(text: string): unknown {
  if (text.length === 0) {
    throw ApiError.badRequest('empty-json-body', 'the body is empty but Content-Type says JSON');
  }
  try {
    return secureJsonParse(text, undefined, jsonOptions);
  } catch (error) {
    throw new ApiError({
      code: 'malformed-json',
      status: 400,
      message: `the body is not valid JSON: ${(error as Error).message}`,
    });
  }
}

const jsonOptions = { protoAction: 'error', constructorAction: 'error' } as const;
