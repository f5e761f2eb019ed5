import { config, telemetry } from './instrumentation'; // must stay the first import
import { runConnector } from '@collect/connector-runtime';
import { createPool } from '@collect/database';
import { EventSerde } from '@collect/events';
import { createKafka, createSchemaRegistry } from '@collect/kafka';
import { Logger } from '@nestjs/common';
import { sheetsConnector } from './connector/sheets-connector';
import { FormsCatalogue } from './forms/forms-catalogue';
import { createSheetsClient } from './sheets/create-sheets-client';
import { SheetWriter } from './writer/sheet-writer';
import { SpreadsheetLocks } from './writer/spreadsheet-locks';

// The whole app: the Sheets connector (contract only), run by the connector runtime.
async function main(): Promise<void> {
  const logger = new Logger('SheetsConnector');
  const pool = createPool(
    {
      connectionString: config.databaseUrl,
      password: config.databasePassword,
      applicationName: 'collect-sheets-layouts',
      // One connection per spreadsheet being written (the writer lock's), plus migrations.
      maxConnections: config.targetConcurrency + 1,
    },
    logger,
  );
  const locks = new SpreadsheetLocks(pool, { waitMs: config.sheetsWriterLockWaitMs });
  const writer = new SheetWriter(await createSheetsClient(config), locks, {
    tabCellLimit: config.sheetsTabCellLimit,
    onNote: (key, note) => logger.warn({ spreadsheetId: key.spreadsheetId, note }),
  });
  await runConnector(
    sheetsConnector({
      type: config.connectorType,
      pool,
      migrationsDir: config.sheetsMigrationsDir,
      writer,
      titles: new FormsCatalogue({
        kafka: createKafka({
          brokers: config.kafkaBrokers,
          clientId: `${config.kafkaClientId}-forms`,
          schemaRegistryUrl: config.schemaRegistryUrl,
          logLevel: config.logLevel,
        }),
        serde: new EventSerde(createSchemaRegistry({ url: config.schemaRegistryUrl })),
        topic: config.sheetsFormsTopic,
        waitMs: config.sheetsFormTitlesWaitMs,
      }),
      budgets: {
        perSpreadsheetPerMinute: config.sheetsWritesPerMinutePerSpreadsheet,
        perUserPerMinute: config.sheetsWritesPerMinutePerUser,
        perProjectPerMinute: config.sheetsWritesPerMinutePerProject,
        credential: `${config.sheetsApiRootUrl} ${config.sheetsCredentialsFile ?? 'adc'}`,
      },
    }),
    config,
    telemetry,
  );
}

void main().catch((error: unknown) => {
  const noCredentials = error instanceof Error && /default credentials/i.test(error.message);
  new Logger('SheetsConnector').error({
    msg: noCredentials
      ? 'no Google credentials: set SHEETS_CREDENTIALS_FILE to a service-account key file, or run where application default credentials exist (GOOGLE_APPLICATION_CREDENTIALS, Workload Identity); `./dev up` points the connector at the local Sheets emulator'
      : 'the sheets-connector failed to start',
    err: error,
  });
  process.exit(noCredentials ? 78 : 1);
});
