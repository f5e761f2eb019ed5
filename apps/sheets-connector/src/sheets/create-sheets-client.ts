import { createGoogleAuth } from './google-auth';
import { GoogleapisSheetsClient } from './googleapis-sheets-client';
import type { SheetsClient } from './sheets-client';
import type { SheetsClientConfig } from './sheets-client-config';

/** The production SheetsClient, as the app's configuration describes it. */
export async function createSheetsClient(config: SheetsClientConfig): Promise<SheetsClient> {
  const auth = await createGoogleAuth({
    credentialsFile: config.sheetsCredentialsFile,
    timeoutMs: config.sheetsRequestTimeoutMs,
  });
  return new GoogleapisSheetsClient(auth, {
    rootUrl: config.sheetsApiRootUrl,
    timeoutMs: config.sheetsRequestTimeoutMs,
  });
}
