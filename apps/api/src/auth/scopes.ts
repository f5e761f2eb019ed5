/** What an API key may do. Every route names the scope it needs. */
export const scopes = [
  'forms:read',
  'forms:write',
  'responses:read',
  'responses:write',
  'integrations:write',
] as const;
export type Scope = (typeof scopes)[number];
