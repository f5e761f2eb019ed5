import { connectorTypePattern } from '@collect/integrations';
import type { Pool } from 'pg';
import type { RuntimeConnector } from '../contract/runtime-connector';
import { ConnectorRuntimeError } from '../errors/connector-runtime-error';
import { fromDatabaseError } from '../errors/from-database-error';

/** Refuses a connector that breaks the contract before anything runs. */
export function assertValidConnector(connector: RuntimeConnector): void {
  const problems: string[] = [];
  if (!connectorTypePattern.test(connector.type)) {
    problems.push(`type ${JSON.stringify(connector.type)} must be lower-case words joined by "-"`);
  }
  const schema = connector.configSchema as unknown;
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    problems.push('configSchema must be a JSON Schema object');
  }
  for (const path of connector.secretPaths ?? []) {
    if (!path.startsWith('/'))
      problems.push(`secret path ${JSON.stringify(path)} must start with "/"`);
  }
  if (connector.maxBatchSize !== undefined && !(connector.maxBatchSize >= 1)) {
    problems.push('maxBatchSize must be at least 1');
  }
  if (problems.length > 0) {
    throw new ConnectorRuntimeError('connector_invalid', false, problems.join('; '));
  }
}

/**
 * Self-registration: upserts the connector's type, config schema and secret paths into
 * `connector_types`, so the API can validate integration configs against the running version.
 */
export async function registerConnectorType(
  pool: Pool,
  connector: RuntimeConnector,
): Promise<void> {
  try {
    await pool.query(
      `INSERT INTO connector_types (type, config_schema, secret_paths, description, registered_at, updated_at)
       VALUES ($1, $2::jsonb, $3::text[], $4, now(), now())
       ON CONFLICT (type) DO UPDATE SET
         config_schema = EXCLUDED.config_schema,
         secret_paths = EXCLUDED.secret_paths,
         description = EXCLUDED.description,
         updated_at = now()`,
      [
        connector.type,
        JSON.stringify(connector.configSchema),
        [...(connector.secretPaths ?? [])],
        connector.description ?? null,
      ],
    );
  } catch (error) {
    throw fromDatabaseError(error, `registering connector type ${connector.type}`);
  }
}
