/**
 * Secrets inside an integration's config, addressed by JSON Pointers (RFC 6901) such as
 * `/authToken` or `/credentials/privateKey`. Configs leave the API and reach events and logs only
 * through `redactSecrets`; an update that sends a redacted value back keeps the stored secret
 * (`keepRedactedSecrets`).
 */
export const redactedValue = '[redacted]';

type Json = unknown;

/** The reference tokens of a pointer; throws on one that does not start with `/`. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) {
    throw new Error(`${JSON.stringify(pointer)} is not a JSON Pointer: it must start with "/"`);
  }
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A deep copy of `config` with every present secret replaced by `[redacted]`. */
export function redactSecrets<T extends Json>(config: T, secretPaths: readonly string[]): T {
  let result = structuredClone(config);
  for (const path of secretPaths) {
    const tokens = parsePointer(path);
    if (tokens.length === 0) return redactedValue as T;
    if (valueAt(result, tokens) !== undefined) result = setAt(result, tokens, redactedValue);
  }
  return result;
}

/**
 * The config to store after an update: `incoming`, except that a secret sent back as
 * `[redacted]` keeps its value from `stored` (so a read-modify-write never overwrites a secret).
 */
export function keepRedactedSecrets<T extends Json>(
  incoming: T,
  stored: Json,
  secretPaths: readonly string[],
): T {
  let result = structuredClone(incoming);
  for (const path of secretPaths) {
    const tokens = parsePointer(path);
    if (valueAt(result, tokens) !== redactedValue) continue;
    const kept = valueAt(stored, tokens);
    result = setAt(result, tokens, kept === undefined ? undefined : structuredClone(kept));
  }
  return result;
}

/** The value a pointer designates, or undefined when any step is missing. */
export function valueAt(document: Json, tokens: readonly string[]): Json {
  let current: Json = document;
  for (const token of tokens) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, token)) return undefined;
    current = (current as Record<string, Json>)[token];
  }
  return current;
}

function setAt<T extends Json>(document: T, tokens: readonly string[], value: Json): T {
  if (tokens.length === 0) return value as T;
  const parent = valueAt(document, tokens.slice(0, -1));
  if (parent === null || typeof parent !== 'object') return document;
  const key = tokens[tokens.length - 1]!;
  if (value === undefined) delete (parent as Record<string, Json>)[key];
  else (parent as Record<string, Json>)[key] = value;
  return document;
}
