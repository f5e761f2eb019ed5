import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The fields of a Google service-account JSON key that the auth libraries read. */
export interface ServiceAccountKey {
  readonly type: 'service_account';
  readonly project_id: string;
  readonly private_key_id: string;
  readonly private_key: string;
  readonly client_email: string;
  readonly client_id: string;
  readonly token_uri: string;
}

/**
 * A key like the one Google's console downloads, with a fresh RSA key, whose `token_uri` points
 * at an emulator. The emulator checks no signature; the key is real so the real client can sign.
 */
export function emulatorServiceAccountKey(input: {
  readonly tokenUri: string;
  readonly project?: string;
  readonly name?: string;
}): ServiceAccountKey {
  const project = input.project ?? 'collect-local';
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    type: 'service_account',
    project_id: project,
    private_key_id: randomBytes(20).toString('hex'),
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: `${input.name ?? 'collect-connector'}@${project}.iam.gserviceaccount.com`,
    client_id: String(BigInt(`0x${randomBytes(8).toString('hex')}`)),
    token_uri: input.tokenUri,
  };
}

/** Writes an emulator key file unless one for this token URI is there already (owner-readable only). */
export function ensureServiceAccountKeyFile(path: string, tokenUri: string): void {
  if (
    existsSync(path) &&
    (JSON.parse(readFileSync(path, 'utf8')) as ServiceAccountKey).token_uri === tokenUri
  ) {
    return;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(emulatorServiceAccountKey({ tokenUri }), null, 2)}\n`, {
    mode: 0o600,
  });
}
