import type { ConnectorTypeRecord } from '@collect/integrations';
import { Injectable } from '@nestjs/common';
import type { Config } from './config-secrets';
import { redactedSecretsSent } from './config-secrets';
import { ConfigValidator } from './config-validator';
import { ConnectorTypeStore } from './connector-type-store';
import { invalidConfig, unknownIntegrationType } from './integration-problems';

/**
 * Checks integration configs against their connector type as the runtime registered it: an
 * unregistered type is 422 `unknown-integration-type` (listing the registered ones), a config
 * that breaks the type's JSON Schema 422 `invalid-integration-config` with one entry per
 * violation. Compiled schemas are cached by content.
 */
@Injectable()
export class IntegrationConfigs {
  private readonly validator = new ConfigValidator('/config');

  constructor(private readonly types: ConnectorTypeStore) {}

  async connectorType(type: string): Promise<ConnectorTypeRecord> {
    const found = await this.types.find(type);
    if (!found) throw unknownIntegrationType(type, await this.types.names());
    return found;
  }

  /** A new integration's config: also refuses secrets sent as `[redacted]` (nothing to keep). */
  assertValidNew(connector: ConnectorTypeRecord, config: Config): void {
    const errors = [
      ...redactedSecretsSent(config, connector.secretPaths),
      ...this.schemaErrors(connector, config),
    ];
    if (errors.length > 0) throw invalidConfig(connector.type, errors);
  }

  /** A changed config, after the stored secrets were merged in. */
  assertValid(connector: ConnectorTypeRecord, config: Config): void {
    const errors = this.schemaErrors(connector, config);
    if (errors.length > 0) throw invalidConfig(connector.type, errors);
  }

  secretPaths(types: readonly string[]): Promise<ReadonlyMap<string, readonly string[]>> {
    return this.types.secretPaths(types);
  }

  private schemaErrors(connector: ConnectorTypeRecord, config: Config) {
    return this.validator.check(connector.configSchema)(config);
  }
}
