/** The meta schema holding `generations`; each schema's migrations record table is named alike. */
export const META_SCHEMA = 'projection';
export const PROJECTION_MIGRATIONS_TABLE = 'schema_migrations';

/** The lifecycle of a generation schema: built from offset zero, then live, then retired. */
export type GenerationState = 'building' | 'live' | 'retired';

/** One row of `projection.generations`. */
export interface Generation {
  readonly generation: number;
  /** `projection_g<generation>`. */
  readonly schemaName: string;
  readonly state: GenerationState;
}

const SCHEMA_NAME = /^projection_g[1-9][0-9]{0,8}$/;

/** The schema name of a generation; the only way a generation number becomes SQL text. */
export function generationSchema(generation: number): string {
  const name = `projection_g${generation}`;
  if (!Number.isSafeInteger(generation) || !SCHEMA_NAME.test(name)) {
    throw new Error(`generation ${generation} is not a positive integer`);
  }
  return name;
}

/** Guards a schema name read from the database before it is spliced into SQL. */
export function assertGenerationSchema(name: string): string {
  if (!SCHEMA_NAME.test(name))
    throw new Error(`${JSON.stringify(name)} is not a generation schema`);
  return name;
}
