/** One integration's config for the test target. */
export interface TestTargetConfig {
  readonly label?: string;
  /** A secret: never returned by the API, never logged. Unused by the target. */
  readonly authToken?: string;
  /** A token bucket for this integration (shared by replicas); unset: unlimited. */
  readonly responsesPerSecond?: number;
  /** Integrations naming the same credential share its bucket (like a per-user API quota). */
  readonly credential?: string;
  /** How long the target takes per call, half before and half after it stores the responses. */
  readonly latencyMs?: number;
}

export const testTargetConfigSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    label: { type: 'string', maxLength: 200 },
    authToken: { type: 'string', minLength: 1 },
    responsesPerSecond: { type: 'number', exclusiveMinimum: 0 },
    credential: { type: 'string', minLength: 1, maxLength: 100 },
    latencyMs: { type: 'integer', minimum: 0, maximum: 10_000 },
  },
  additionalProperties: false,
} as const;
