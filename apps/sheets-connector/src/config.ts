import { z } from 'zod';
// Relative imports: this file is loaded before telemetry starts (see instrumentation.ts), and the
// @collect/* barrels would load Nest too early.
import { connectorRuntimeVariables } from '../../../libs/connector-runtime/src/config/runtime-variables';
import {
  defineConfig,
  envVar,
  integer,
  loadConfig,
  nonEmptyString,
  serviceVariables,
  type ConfigOf,
  type Environment,
} from '../../../libs/platform/src/config';
import { sheetsClientVariables } from './sheets/sheets-client-config';

const perMinute = integer({ min: 1, max: 1_000_000 });

/** Every environment variable collect-sheets-connector reads. Nothing else in the app reads process.env. */
export const sheetsConnectorConfigSpec = defineConfig({
  ...serviceVariables('collect-sheets-connector', 3002),
  ...connectorRuntimeVariables(),
  ...sheetsClientVariables(),
  connectorType: envVar.withDefault({
    env: 'SHEETS_CONNECTOR_TYPE',
    default: 'google-sheets',
    schema: z
      .string()
      .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'must be lower-case words joined by "-"'),
    description: 'connector type registered (names the consumer group); tests pick a random one',
  }),
  sheetsWritesPerMinutePerUser: envVar.withDefault({
    env: 'SHEETS_WRITES_PER_MINUTE_PER_USER',
    default: '60',
    schema: perMinute,
    description: "write requests per minute for the service account (Google's per-user quota)",
  }),
  sheetsWritesPerMinutePerProject: envVar.withDefault({
    env: 'SHEETS_WRITES_PER_MINUTE_PER_PROJECT',
    default: '300',
    schema: perMinute,
    description:
      "write requests per minute for the Google Cloud project (Google's per-project quota)",
  }),
  sheetsWritesPerMinutePerSpreadsheet: envVar.withDefault({
    env: 'SHEETS_WRITES_PER_MINUTE_PER_SPREADSHEET',
    default: '60',
    schema: perMinute,
    description: 'write requests per minute to one spreadsheet',
  }),
  sheetsTabCellLimit: envVar.withDefault({
    env: 'SHEETS_TAB_CELL_LIMIT',
    default: '10000000',
    schema: integer({ min: 100, max: 10_000_000 }),
    description: 'cells a tab may reach before the connector continues in "<tab> (2)", …',
  }),
  sheetsWriterLockWaitMs: envVar.withDefault({
    env: 'SHEETS_WRITER_LOCK_WAIT_MS',
    default: '10000',
    schema: integer({ min: 100, max: 50_000 }),
    description:
      "longest wait for another replica's writer on the same spreadsheet before the delivery is retried later",
  }),
  sheetsFormsTopic: envVar.withDefault({
    env: 'SHEETS_FORMS_TOPIC',
    default: 'collect.forms.v1',
    schema: nonEmptyString,
    description: 'topic of form events the connector reads for the current question titles',
  }),
  sheetsFormTitlesWaitMs: envVar.withDefault({
    env: 'SHEETS_FORM_TITLES_WAIT_MS',
    default: '3000',
    schema: integer({ min: 0, max: 30_000 }),
    description:
      'longest a delivery waits for the form version it answers to be read from the forms topic (then it uses the titles known)',
  }),
  sheetsMigrationsDir: envVar.withDefault({
    env: 'SHEETS_MIGRATIONS_DIR',
    default: 'apps/sheets-connector/migrations',
    schema: nonEmptyString,
    description:
      "folder of the connector's own tables (column layouts), relative to the working directory",
  }),
});

export type SheetsConnectorConfig = ConfigOf<typeof sheetsConnectorConfigSpec>;

export function loadSheetsConnectorConfig(env: Environment = process.env): SheetsConnectorConfig {
  return loadConfig(sheetsConnectorConfigSpec, env);
}
