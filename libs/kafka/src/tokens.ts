/** Injection token for the schema registry base URL (string, no trailing slash). */
export const SCHEMA_REGISTRY_URL = Symbol('SCHEMA_REGISTRY_URL');
