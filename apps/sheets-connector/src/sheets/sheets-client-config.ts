// Relative import: config files load before telemetry starts (see ../instrumentation.ts).
import {
  defineConfig,
  durationMs,
  envVar,
  httpUrl,
  nonEmptyString,
} from '../../../../libs/platform/src/config';

/** The variables that point the Sheets client at Google (or at the emulator) and sign it in. */
export function sheetsClientVariables() {
  return defineConfig({
    sheetsApiRootUrl: envVar.withDefault({
      env: 'SHEETS_API_ROOT_URL',
      default: 'https://sheets.googleapis.com',
      schema: httpUrl,
      description:
        'Sheets API root URL; the local stack sets the Sheets emulator (http://127.0.0.1:28090) when no Google credentials are configured',
    }),
    sheetsCredentialsFile: envVar.optional({
      env: 'SHEETS_CREDENTIALS_FILE',
      schema: nonEmptyString,
      description:
        'path to a Google service-account JSON key (its token_uri is honoured); unset: application default credentials (GOOGLE_APPLICATION_CREDENTIALS, Workload Identity)',
    }),
    sheetsRequestTimeoutMs: envVar.withDefault({
      env: 'SHEETS_REQUEST_TIMEOUT_MS',
      default: '30000',
      schema: durationMs,
      description:
        'milliseconds one Sheets API or token request may take before it counts as a (retriable) timeout',
    }),
  });
}

export interface SheetsClientConfig {
  readonly sheetsApiRootUrl: string;
  readonly sheetsCredentialsFile: string | undefined;
  readonly sheetsRequestTimeoutMs: number;
}
