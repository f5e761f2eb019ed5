import { keepRedactedSecrets, parsePointer, redactedValue, valueAt } from '@collect/integrations';
import type { ProblemFieldError } from '../http';

export type Config = Readonly<Record<string, unknown>>;

/**
 * The config to store after a PATCH: the incoming one, except that a secret sent back as
 * `[redacted]` or left out keeps its stored value. Secrets are write-only, so a client that read
 * the integration and sends its config back never overwrites them.
 */
export function withStoredSecrets(
  incoming: Config,
  stored: Config,
  secretPaths: readonly string[],
): Config {
  const marked = structuredClone(incoming) as Record<string, unknown>;
  for (const path of secretPaths) {
    const tokens = parsePointer(path);
    if (tokens.length === 0 || valueAt(marked, tokens) !== undefined) continue;
    if (valueAt(stored, tokens) === undefined) continue;
    const parent = valueAt(marked, tokens.slice(0, -1));
    if (parent === null || typeof parent !== 'object' || Array.isArray(parent)) continue;
    (parent as Record<string, unknown>)[tokens[tokens.length - 1]!] = redactedValue;
  }
  return keepRedactedSecrets(marked, stored, secretPaths);
}

/**
 * At attach there is no stored secret to keep: a secret sent as `[redacted]` is a client copying
 * another integration's redacted config, and would be stored as the literal text. One 422 entry
 * per such secret (under `pathPrefix`).
 */
export function redactedSecretsSent(
  config: Config,
  secretPaths: readonly string[],
  pathPrefix = '/config',
): ProblemFieldError[] {
  return secretPaths
    .filter((path) => valueAt(config, parsePointer(path)) === redactedValue)
    .map((path) => ({
      path: pathPrefix + path,
      code: 'redacted_secret',
      message: `a secret cannot be "${redactedValue}" when none is stored yet; send its value`,
    }));
}
