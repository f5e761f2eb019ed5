import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { createHash } from 'node:crypto';
import type { ProblemFieldError } from '../http';
import { jsonPointer } from '../http';

/** A connector type's config schema that ajv cannot compile: the connector's bug, not the client's. */
export class InvalidConfigSchemaError extends Error {
  override readonly name = 'InvalidConfigSchemaError';
  readonly code = 'invalid_config_schema';
  readonly retriable = false;
}

export type ConfigCheck = (config: unknown) => readonly ProblemFieldError[];

/**
 * Compiles connector config schemas (JSON Schema draft 2020-12, with the standard formats) into
 * checks that report every violation, each as a JSON Pointer into the request body (under
 * `pathPrefix`, e.g. `/config`), ajv's keyword as the code and its message. Messages never
 * contain the offending value, so a secret never leaks into a 422. Compiled checks are cached by
 * the schema's content, so a connector re-registering the same schema costs nothing.
 */
export class ConfigValidator {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly pathPrefix = '/config') {
    addFormats(this.ajv);
  }

  check(schema: Readonly<Record<string, unknown>>): ConfigCheck {
    const validate = this.compile(schema);
    return (config) =>
      validate(config) ? [] : (validate.errors ?? []).map((e) => this.problem(e));
  }

  private compile(schema: Readonly<Record<string, unknown>>): ValidateFunction {
    const cacheKey = createHash('sha256').update(JSON.stringify(schema)).digest('hex');
    const cached = this.compiled.get(cacheKey);
    if (cached) return cached;
    let validate: ValidateFunction;
    try {
      // Without $id: a registered schema's $id would otherwise collide on recompilation.
      const { $id: _id, ...anonymous } = schema;
      validate = this.ajv.compile(anonymous);
    } catch (error) {
      throw new InvalidConfigSchemaError(
        `the registered config schema cannot be compiled: ${(error as Error).message}`,
        { cause: error },
      );
    }
    this.compiled.set(cacheKey, validate);
    return validate;
  }

  private problem(error: ErrorObject): ProblemFieldError {
    const at = this.pathPrefix + error.instancePath;
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
      return {
        path: at + jsonPointer([params.missingProperty]),
        code: 'required',
        message: `${params.missingProperty} is required`,
      };
    }
    if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
      return {
        path: at + jsonPointer([params.additionalProperty]),
        code: 'additionalProperties',
        message: `unknown field "${params.additionalProperty}"`,
      };
    }
    return { path: at, code: error.keyword, message: error.message ?? 'is invalid' };
  }
}
