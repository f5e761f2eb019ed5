import type { RequestKind } from '../quotas/quota-policy';

const WRITE_SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets',
  'https://www.googleapis.com/auth/drive',
  'https://www.googleapis.com/auth/drive.file',
];
const READ_SCOPES = [
  ...WRITE_SCOPES,
  'https://www.googleapis.com/auth/spreadsheets.readonly',
  'https://www.googleapis.com/auth/drive.readonly',
];

/** Whether a token with these OAuth scopes may make a read or a write call to the Sheets API. */
export function scopesAllow(kind: RequestKind, scopes: readonly string[]): boolean {
  const allowed = kind === 'write' ? WRITE_SCOPES : READ_SCOPES;
  return scopes.some((scope) => allowed.includes(scope));
}
