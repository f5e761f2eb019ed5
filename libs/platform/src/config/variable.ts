import type { z } from 'zod';
import { Secret } from './secret';
import { nonEmptyString } from './parsers';

/** One environment variable: its name, how to parse it and what it means. */
export interface Variable<T> {
  /** Environment variable name, e.g. `KAFKA_BROKERS`. */
  readonly env: string;
  /** What the variable expects; printed when it is missing or invalid, and listed in the README. */
  readonly description: string;
  /** Parses the raw string (already trimmed, never empty). */
  readonly schema: z.ZodType<T, string>;
  /** Raw value used when the variable is unset or empty; parsed by `schema` like any other value. */
  readonly default?: string;
  readonly required: boolean;
  /** Secrets may be given as `<NAME>_FILE` and their values are never echoed in errors. */
  readonly secret: boolean;
}

interface VariableInput<T> {
  readonly env: string;
  readonly description: string;
  readonly schema: z.ZodType<T, string>;
}

interface SecretInput {
  readonly env: string;
  readonly description: string;
}

const secretSchema = nonEmptyString.transform((value) => new Secret(value));

/** Builders for the entries of a `defineConfig` spec. */
export const envVar = {
  required: <T>(input: VariableInput<T>): Variable<T> => ({
    ...input,
    required: true,
    secret: false,
  }),

  optional: <T>(input: VariableInput<T>): Variable<T | undefined> => ({
    ...input,
    required: false,
    secret: false,
  }),

  withDefault: <T>(input: VariableInput<T> & { readonly default: string }): Variable<T> => ({
    ...input,
    required: false,
    secret: false,
  }),

  /** A secret read from `<env>` or from the file named by `<env>_FILE`. */
  requiredSecret: (input: SecretInput): Variable<Secret> => ({
    ...input,
    schema: secretSchema,
    required: true,
    secret: true,
  }),

  optionalSecret: (input: SecretInput): Variable<Secret | undefined> => ({
    ...input,
    schema: secretSchema,
    required: false,
    secret: true,
  }),
};
