import { eventually, within } from './support/eventually';
import { startApp, waitForReadyStatus, type RunningApp } from './support/app-process';
import { startPrivateKafka } from './support/private-kafka';
import { stackEnv } from './support/stack-env';

const appNames = ['api', 'projector', 'sheets-connector', 'sms-connector'] as const;
const env = stackEnv();

describe('every app, started as a process against the real stack', () => {
  let privateKafka: Awaited<ReturnType<typeof startPrivateKafka>>;
  let running: RunningApp[] = [];

  beforeAll(async () => {
    // The apps get a broker of their own, so stopping it cannot disturb other tests.
    privateKafka = await startPrivateKafka();
    running = await Promise.all(
      appNames.map((name) =>
        startApp(name, {
          KAFKA_BROKERS: privateKafka.kafka.bootstrapServers,
          SCHEMA_REGISTRY_URL: env.schemaRegistryUrl,
          DATABASE_URL: env.databaseUrl,
          DATABASE_PASSWORD: env.databasePassword,
          API_ADMIN_KEY: 'e2e-admin-key-0123456789abcdef0123456789abcdef',
          ...env.sheets,
        }),
      ),
    );
  });

  afterAll(async () => {
    for (const app of running) app.child.kill('SIGKILL');
    await privateKafka?.dispose();
  });

  it('answers /health/live and /health/ready with 200 once Kafka, Postgres and the registry are reachable', async () => {
    for (const app of running) await waitForReadyStatus(app, 200);
    for (const app of running) {
      const live = await fetch(`${app.url}/health/live`);
      expect(live.status).toBe(200);
    }
  });

  it('answers 503 on /health/ready while its Kafka is stopped, and 200 again once it is back', async () => {
    await privateKafka.kafka.stop();
    for (const app of running) await waitForReadyStatus(app, 503, 30_000);

    const body = await (await fetch(`${running[0]!.url}/health/ready`)).text();
    expect(body).toContain('kafka');

    await privateKafka.kafka.start();
    for (const app of running) await waitForReadyStatus(app, 200, 60_000);
  });

  it('exits 0 within its shutdown budget on SIGTERM', async () => {
    for (const app of running) app.child.kill('SIGTERM');
    // SHUTDOWN_TIMEOUT_MS defaults to 10 s; a little slack for process start-up costs.
    const exits = await within(
      Promise.all(running.map((app) => app.exited)),
      15_000,
      'every app to exit after SIGTERM',
    );
    for (const [index, exit] of exits.entries()) {
      expect({ app: appNames[index], ...exit }).toEqual({
        app: appNames[index],
        code: 0,
        signal: null,
      });
    }
    running = [];
  });
});

describe('an app missing required configuration', () => {
  it.each(appNames)('%s exits non-zero and names the missing variable', async (name) => {
    const app = await startApp(name, {
      SCHEMA_REGISTRY_URL: env.schemaRegistryUrl,
      DATABASE_URL: env.databaseUrl,
    });
    const exit = await app.exited;
    expect(exit.code).not.toBe(0);
    await eventually(
      () => app.output().includes('KAFKA_BROKERS'),
      'the error to name KAFKA_BROKERS',
      5_000,
    );
  });
});
