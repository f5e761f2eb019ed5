import { ApiError, type ProblemFieldError } from '../http';
import { InvalidConfigSchemaError } from './config-validator';
import { IntegrationRuleError } from './integration-rules';

/** The problems of the integrations slice, in one place. */

export const formNotFound = (): ApiError => ApiError.notFound('The form', 'form-not-found');

/** Also for another organisation's integration: never reveal that it exists. */
export const integrationNotFound = (): ApiError =>
  ApiError.notFound('The integration', 'integration-not-found');

export function unknownIntegrationType(type: string, registeredTypes: readonly string[]): ApiError {
  const known = registeredTypes.length > 0 ? registeredTypes.join(', ') : 'none yet';
  const message = `no connector of type "${type}" is registered (registered: ${known})`;
  return new ApiError({
    code: 'unknown-integration-type',
    status: 422,
    title: 'Unknown integration type',
    message,
    errors: [{ path: '/type', code: 'unknown_integration_type', message }],
    details: { registeredTypes },
  });
}

export function invalidConfig(type: string, errors: readonly ProblemFieldError[]): ApiError {
  return new ApiError({
    code: 'invalid-integration-config',
    status: 422,
    title: 'Invalid integration config',
    message: `the config does not match the schema of "${type}" (${errors.length} problem(s))`,
    errors,
  });
}

/** Converts the slice's own errors once, at the service boundary; anything else passes through. */
export function integrationProblem(error: unknown): unknown {
  if (error instanceof IntegrationRuleError) {
    return ApiError.conflict(error.code.replace(/_/g, '-'), error.message, { ...error.details });
  }
  if (error instanceof InvalidConfigSchemaError) {
    return new ApiError({
      code: 'invalid-connector-schema',
      status: 500,
      message: "the connector type's registered config schema is not a valid JSON Schema",
      cause: error,
    });
  }
  return error;
}
