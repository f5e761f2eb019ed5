import {
  startApp,
  waitForReadyStatus,
  type RunningApp,
} from '../../../../test/support/app-process';
import { stackEnv } from '../../../../test/support/stack-env';
import type { ConnectorHarness } from './connector-harness';

/** Test connector apps started as processes for a harness's connector type. */
export class ConnectorProcesses {
  readonly running = new Set<RunningApp>();
  /** Every process started, running or not (their output stays readable). */
  readonly started: RunningApp[] = [];

  constructor(
    private readonly harness: ConnectorHarness,
    private readonly extraEnv: Record<string, string> = {},
  ) {}

  async start(waitReady = false): Promise<RunningApp> {
    const env = stackEnv();
    const app = await startApp('test-connector', {
      KAFKA_BROKERS: env.kafkaBrokers.join(','),
      SCHEMA_REGISTRY_URL: env.schemaRegistryUrl,
      DATABASE_URL: env.databaseUrl,
      DATABASE_PASSWORD: env.databasePassword,
      TEST_CONNECTOR_TYPE: this.harness.type,
      CONNECTOR_RESPONSES_TOPIC: this.harness.responsesTopic,
      CONNECTOR_INTEGRATIONS_TOPIC: this.harness.integrationsTopic,
      CONNECTOR_DLQ_PARTITIONS: '1',
      CONNECTOR_DATABASE_POOL_SIZE: '6',
      CONNECTOR_REFRESH_MS: '500',
      CONNECTOR_RETRY_INITIAL_MS: '100',
      CONNECTOR_RETRY_MAX_MS: '1000',
      ...this.extraEnv,
    });
    this.running.add(app);
    this.started.push(app);
    void app.exited.then(() => this.running.delete(app));
    if (waitReady) await waitForReadyStatus(app, 200, 90_000);
    return app;
  }

  kill(app: RunningApp): Promise<unknown> {
    app.child.kill('SIGKILL');
    return app.exited;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running].map((app) => this.kill(app)));
  }
}
