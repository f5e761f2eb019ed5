import { readFileSync } from 'node:fs';
import { GoogleAuth, JWT } from 'google-auth-library';
import { SheetsConnectorError } from './sheets-connector-error';

export const SHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets';

/** google-auth-library posts every service-account token request here, whatever the key file says. */
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

export interface GoogleAuthOptions {
  /** A service-account JSON key; undefined: application default credentials (Workload Identity, GOOGLE_APPLICATION_CREDENTIALS). */
  readonly credentialsFile: string | undefined;
  readonly timeoutMs: number;
}

interface ServiceAccountKey {
  readonly client_email: string;
  readonly private_key: string;
  readonly private_key_id?: string;
  readonly token_uri?: string;
}

/**
 * The auth client for Sheets calls. Two adjustments to google-auth-library's defaults, made on
 * its HTTP transporter so they hold for token and API requests alike:
 * - no retries of its own (gaxios retries 429/5xx three times): the connector's retry engine
 *   decides, and every attempt is visible to its quota budget;
 * - the key file's `token_uri` is honoured (the library ignores it), which is what points the
 *   real client at the emulator's token endpoint;
 * - Node's own fetch instead of node-fetch, which gaxios loads with a dynamic import() that
 *   Jest's CommonJS runtime cannot run.
 */
export async function createGoogleAuth(options: GoogleAuthOptions): Promise<GoogleAuth> {
  const client = options.credentialsFile
    ? serviceAccountClient(readKey(options.credentialsFile))
    : await new GoogleAuth({ scopes: [SHEETS_SCOPE] }).getClient();
  const tokenUri = options.credentialsFile ? readKey(options.credentialsFile).token_uri : undefined;
  client.transporter.interceptors.request.add({
    resolved: (request) => {
      if (
        tokenUri &&
        tokenUri !== GOOGLE_TOKEN_URL &&
        request.url.toString() === GOOGLE_TOKEN_URL
      ) {
        request.url = new URL(tokenUri);
      }
      request.retry = false;
      request.retryConfig = { ...request.retryConfig, retry: 0, noResponseRetries: 0 };
      request.timeout ??= options.timeoutMs;
      request.fetchImplementation ??= fetch;
      return Promise.resolve(request);
    },
  });
  return new GoogleAuth({ authClient: client, scopes: [SHEETS_SCOPE] });
}

function serviceAccountClient(key: ServiceAccountKey): JWT {
  return new JWT({
    email: key.client_email,
    key: key.private_key,
    keyId: key.private_key_id,
    scopes: [SHEETS_SCOPE],
  });
}

function readKey(path: string): ServiceAccountKey {
  let key: Partial<ServiceAccountKey>;
  try {
    key = JSON.parse(readFileSync(path, 'utf8')) as Partial<ServiceAccountKey>;
  } catch (error) {
    throw new SheetsConnectorError(
      'invalid_credentials',
      `cannot read the service-account key ${path}: ${String(error)}`,
      { cause: error },
    );
  }
  if (typeof key.client_email !== 'string' || typeof key.private_key !== 'string') {
    throw new SheetsConnectorError(
      'invalid_credentials',
      `${path} is not a service-account key (no client_email or private_key)`,
    );
  }
  return key as ServiceAccountKey;
}
