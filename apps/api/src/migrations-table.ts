/** Where collect-api records its applied migrations (each app has a table of its own). */
export const API_MIGRATIONS_TABLE = 'api_schema_migrations';
