import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  asRuntimeConnector,
  ConnectorRuntime,
  type Connector,
  type RuntimeStartOptions,
} from '@collect/connector-runtime';
import { ensureTopics, eventHeaders, type ResponseSubmitted } from '@collect/events';
import type { Producer } from 'kafkajs';
import { Pool } from 'pg';
import { SheetsEmulatorControl } from '../../../../tools/sheets-emulator/src/control-client';
import {
  startSheetsEmulator,
  type RunningSheetsEmulator,
} from '../../../../tools/sheets-emulator/src/server';
import { emulatorServiceAccountKey } from '../../../../tools/sheets-emulator/src/service-account-key';
import type { NewSpreadsheet } from '../../../../tools/sheets-emulator/src/state/spreadsheet-store';
import { postgresConnection, stackEnv } from '../../../../test/support/stack-env';
import { ConnectorHarness } from '../../../test-connector/src/testing/connector-harness';
import type { TestForm } from '../../../test-connector/src/testing/responses';
import { sheetsConnector } from '../connector/sheets-connector';
import { FormsCatalogue } from '../forms/forms-catalogue';
import type { SheetTargetConfig } from '../connector/sheet-target-config';
import type { WriteBudgets } from '../connector/sheets-rate-limits';
import { createSheetsClient } from '../sheets/create-sheets-client';
import type { CellValue } from '../sheets/sheets-client';
import { SheetWriter } from '../writer/sheet-writer';
import { SpreadsheetLocks } from '../writer/spreadsheet-locks';
import { formPublished } from './form-published';

export const sheetsMigrations = 'apps/sheets-connector/migrations';

export const ROOMY: Omit<WriteBudgets, 'credential'> = {
  perSpreadsheetPerMinute: 100_000,
  perUserPerMinute: 100_000,
  perProjectPerMinute: 100_000,
};

export interface SheetsRuntimeOptions {
  readonly budgets?: Omit<WriteBudgets, 'credential'>;
  readonly tabCellLimit?: number;
  readonly runtime?: Partial<RuntimeStartOptions>;
  /** Wraps the connector, e.g. to simulate a crash after an append landed. */
  readonly wrap?: (connector: Connector<SheetTargetConfig>) => Connector<SheetTargetConfig>;
}

/**
 * The connector harness (random type, own topic, shared Postgres and registry) with the Sheets
 * connector in place of the test target, writing to an in-process Sheets emulator through the
 * real googleapis client and a service-account key file.
 */
export class SheetsHarness extends ConnectorHarness {
  emulator!: RunningSheetsEmulator;
  control!: SheetsEmulatorControl;
  keyFile!: string;
  /** The forms topic the connector reads question titles from (FormPublished via publishForm). */
  readonly formsTopic = `${this.type}.forms`;
  private formsProducer: Producer | undefined;
  private readonly sheetsRuntimes: ConnectorRuntime[] = [];

  override async setUp(): Promise<void> {
    await super.setUp();
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await ensureTopics(admin, { topics: [this.formsTopic], partitions: 2, replicationFactor: 1 });
    } finally {
      await admin.disconnect();
    }
    this.formsProducer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.formsProducer.connect();
    this.emulator = await startSheetsEmulator();
    this.control = new SheetsEmulatorControl(this.emulator.url);
    await this.control.setQuotas({
      writesPerMinutePerUser: 100_000,
      writesPerMinutePerProject: 100_000,
      readsPerMinutePerUser: 100_000,
      readsPerMinutePerProject: 100_000,
    });
    const key = emulatorServiceAccountKey({
      tokenUri: `${this.emulator.url}/token`,
      project: this.type,
    });
    this.keyFile = join(mkdtempSync(join(tmpdir(), 'sheets-connector-')), 'key.json');
    writeFileSync(this.keyFile, JSON.stringify(key));
  }

  override async tearDown(): Promise<void> {
    await this.stopSheetsRuntimes();
    await this.formsProducer?.disconnect();
    await super.tearDown();
    await this.emulator.close();
    rmSync(this.keyFile, { force: true });
  }

  async stopSheetsRuntimes(): Promise<void> {
    await Promise.all(this.sheetsRuntimes.splice(0).map((runtime) => runtime.stop()));
  }

  /** A new spreadsheet in the emulator with these tabs (default: "Sheet1", as Google creates them). */
  async newSpreadsheet(sheets?: NewSpreadsheet['sheets']): Promise<string> {
    return (
      await this.control.createSpreadsheet({ title: this.type, ...(sheets ? { sheets } : {}) })
    ).spreadsheetId;
  }

  /** Publishes `form` at `version` with these question titles (questionId → title), as the API would. */
  async publishForm(
    form: TestForm,
    version: number,
    titles: Readonly<Record<string, string>>,
  ): Promise<void> {
    const event = formPublished(form, version, titles);
    await this.formsProducer!.send({
      topic: this.formsTopic,
      acks: -1,
      messages: [
        { key: form.formId, value: this.serde.encode(event), headers: eventHeaders(event) },
      ],
    });
  }

  /** Responses of `form` answering its version `formVersion`. */
  answering(responses: readonly ResponseSubmitted[], formVersion: number): ResponseSubmitted[] {
    return responses.map((response) => ({ ...response, formVersion }));
  }

  /** A tab's rows as stored (row 1 the header). */
  async rows(spreadsheetId: string, tab: string): Promise<CellValue[][]> {
    const dump = await this.control.spreadsheet(spreadsheetId);
    return (dump.values[tab] ?? []).map((row) => row.map((cell) => cell ?? ''));
  }

  /** Starts a runtime in this process running the Sheets connector against the emulator. */
  async startSheetsRuntime(options: SheetsRuntimeOptions = {}): Promise<ConnectorRuntime> {
    const env = stackEnv();
    const layoutPool = new Pool({ ...postgresConnection(env), max: 4 });
    layoutPool.on('error', () => undefined);
    const runtimePool = new Pool({ ...postgresConnection(env), max: 12 });
    runtimePool.on('error', () => undefined);
    const client = await createSheetsClient({
      sheetsApiRootUrl: this.emulator.url,
      sheetsCredentialsFile: this.keyFile,
      sheetsRequestTimeoutMs: 5_000,
    });
    const writer = new SheetWriter(client, new SpreadsheetLocks(layoutPool, { waitMs: 5_000 }), {
      tabCellLimit: options.tabCellLimit ?? 10_000_000,
    });
    const wrap = options.wrap ?? ((c: Connector<SheetTargetConfig>) => c);
    const connector = wrap(
      sheetsConnector({
        type: this.type,
        pool: layoutPool,
        migrationsDir: sheetsMigrations,
        writer,
        titles: new FormsCatalogue({
          kafka: this.kafka,
          serde: this.serde,
          topic: this.formsTopic,
          waitMs: 3_000,
        }),
        budgets: { ...(options.budgets ?? ROOMY), credential: this.keyFile },
      }),
    );
    const runtime = new ConnectorRuntime(
      {
        kafka: this.kafka,
        pool: runtimePool,
        serde: this.serde,
        connector: asRuntimeConnector(connector),
      },
      this.runtimeOptions(options.runtime),
    );
    const stop = runtime.stop.bind(runtime);
    runtime.stop = async () => {
      await stop();
      await runtimePool.end();
    };
    this.sheetsRuntimes.push(runtime);
    await runtime.start();
    return runtime;
  }
}
