import { Secret } from '@collect/platform';
import { Test } from '@nestjs/testing';
import { Pool } from 'pg';
import { serviceInfrastructure, type ServiceConnectionsConfig } from './service-infrastructure';

const config: ServiceConnectionsConfig = {
  logLevel: 'warn',
  kafkaBrokers: ['127.0.0.1:1'],
  kafkaClientId: 'collect-example',
  schemaRegistryUrl: 'http://127.0.0.1:1',
  databaseUrl: 'postgres://collect@127.0.0.1:1/collect',
  databasePassword: new Secret('not-used'),
};

describe('serviceInfrastructure', () => {
  it("names the service's Postgres connections after it and keeps the app's pool size", async () => {
    // Compiled, never initialised: no probe runs and the pool opens no connection.
    const app = await Test.createTestingModule({
      imports: serviceInfrastructure({
        serviceName: 'collect-example',
        config,
        database: { maxConnections: 7 },
      }),
    }).compile();

    expect(app.get(Pool).options).toMatchObject({ application_name: 'collect-example', max: 7 });
    await app.close();
  });
});
