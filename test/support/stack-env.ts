/** Where the stack started by test/global-setup.ts listens (inherited through the environment). */
export interface StackEnv {
  kafkaBrokers: string[];
  schemaRegistryUrl: string;
  databaseUrl: string;
  databasePassword: string;
  /** Where the sheets-connector finds Google: the stack's Sheets emulator and its key file. */
  sheets: Record<string, string>;
}

/**
 * pg lets a connection string's fields override explicit ones (a URL without a password would
 * erase `password`), so connections are described field by field.
 */
export function postgresConnection(env: StackEnv): {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
} {
  const url = new URL(env.databaseUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: env.databasePassword,
    database: url.pathname.slice(1),
  };
}

export function stackEnv(): StackEnv {
  const {
    KAFKA_BROKERS,
    SCHEMA_REGISTRY_URL,
    DATABASE_URL,
    DATABASE_PASSWORD,
    SHEETS_API_ROOT_URL,
    SHEETS_CREDENTIALS_FILE,
  } = process.env;
  if (!KAFKA_BROKERS || !SCHEMA_REGISTRY_URL || !DATABASE_URL || DATABASE_PASSWORD === undefined) {
    throw new Error(
      'the stack environment is missing: run int/e2e tests through jest (test/global-setup.ts)',
    );
  }
  return {
    kafkaBrokers: KAFKA_BROKERS.split(','),
    schemaRegistryUrl: SCHEMA_REGISTRY_URL,
    databaseUrl: DATABASE_URL,
    databasePassword: DATABASE_PASSWORD,
    sheets: {
      ...(SHEETS_API_ROOT_URL ? { SHEETS_API_ROOT_URL } : {}),
      ...(SHEETS_CREDENTIALS_FILE ? { SHEETS_CREDENTIALS_FILE } : {}),
    },
  };
}
