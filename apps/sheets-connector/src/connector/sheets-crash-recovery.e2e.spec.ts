import { setTimeout as sleep } from 'node:timers/promises';
import { eventually } from '../../../../test/support/eventually';
import { readyStatus, startApp, type RunningApp } from '../../../../test/support/app-process';
import { stackEnv } from '../../../../test/support/stack-env';
import { newForm, responsesOf, type TestForm } from '../../../test-connector/src/testing/responses';
import type { ResponseSubmitted } from '@collect/events';
import { SheetsHarness } from '../testing/sheets-harness';

// CI: 600 responses, 6 SIGKILLs; COLLECT_FULL=1: 5,000 responses and the 20 SIGKILLs.
const FULL = process.env.COLLECT_FULL === '1';
const TOTAL = FULL ? 5_000 : 600;
const KILLS = FULL ? 20 : 6;

jest.setTimeout(FULL ? 30 * 60_000 : 120_000);

const harness = new SheetsHarness({ partitions: 3 });
const running = new Set<RunningApp>();

async function startConnector(): Promise<RunningApp> {
  const env = stackEnv();
  const app = await startApp('sheets-connector', {
    KAFKA_BROKERS: env.kafkaBrokers.join(','),
    SCHEMA_REGISTRY_URL: env.schemaRegistryUrl,
    DATABASE_URL: env.databaseUrl,
    DATABASE_PASSWORD: env.databasePassword,
    SHEETS_CONNECTOR_TYPE: harness.type,
    SHEETS_FORMS_TOPIC: harness.formsTopic,
    SHEETS_API_ROOT_URL: harness.emulator.url,
    SHEETS_CREDENTIALS_FILE: harness.keyFile,
    SHEETS_REQUEST_TIMEOUT_MS: '5000',
    CONNECTOR_RESPONSES_TOPIC: harness.responsesTopic,
    CONNECTOR_INTEGRATIONS_TOPIC: harness.integrationsTopic,
    CONNECTOR_DLQ_PARTITIONS: '1',
    CONNECTOR_DATABASE_POOL_SIZE: '6',
    CONNECTOR_REFRESH_MS: '500',
    CONNECTOR_RETRY_INITIAL_MS: '100',
    CONNECTOR_RETRY_MAX_MS: '1000',
    CONNECTOR_SESSION_TIMEOUT_MS: '6000',
    CONNECTOR_HEARTBEAT_INTERVAL_MS: '500',
  });
  running.add(app);
  void app.exited.then(() => running.delete(app));
  return app;
}

async function kill(app: RunningApp): Promise<void> {
  app.child.kill('SIGKILL');
  await app.exited;
}

beforeAll(() => harness.setUp());
afterAll(async () => {
  await Promise.all([...running].map(kill));
  await harness.tearDown();
});

describe('the Sheets connector process killed with SIGKILL during a load', () => {
  it(`writes each of ${TOTAL} responses exactly once and in order per form across ${KILLS} SIGKILLs`, async () => {
    // Slow appends keep requests in flight, so kills land during appends and before ledger writes.
    await harness.control.setFaults({ latencyMs: 80 });
    const forms: TestForm[] = Array.from({ length: 4 }, () => newForm());
    const sheets = new Map<string, string>();
    for (const form of forms) {
      const spreadsheetId = await harness.newSpreadsheet();
      await harness.attach(form, { config: { spreadsheetId, sheet: 'Responses' } });
      sheets.set(form.formId, spreadsheetId);
    }
    const responses: ResponseSubmitted[] = [];
    for (let i = 0; i < TOTAL; i++) responses.push(responsesOf(forms[i % forms.length]!, 1)[0]!);

    let replica = await startConnector();
    let produced = 0;
    const chunk = Math.ceil(TOTAL / (KILLS + 2));
    for (let k = 0; k < KILLS; k++) {
      const next = responses.slice(produced, produced + chunk);
      produced += next.length;
      if (next.length > 0) await harness.produce(next);
      await eventually(async () => (await readyStatus(replica)) !== undefined, 'listening', 60_000);
      await sleep(300 + Math.random() * 1_500);
      await kill(replica);
      replica = await startConnector();
    }
    if (produced < TOTAL) await harness.produce(responses.slice(produced));

    for (const form of forms) {
      const expected = responses.filter((r) => r.formId === form.formId).map((r) => r.responseId);
      const spreadsheetId = sheets.get(form.formId)!;
      let rows: unknown[][] = [];
      await eventually(
        async () => {
          rows = await harness.rows(spreadsheetId, 'Responses');
          return rows.length >= expected.length + 1;
        },
        `${expected.length} rows for form ${form.formId}`,
        FULL ? 600_000 : 60_000,
      );
      expect(rows.slice(1).map((row) => row[0])).toEqual(expected);
    }
  });
});
