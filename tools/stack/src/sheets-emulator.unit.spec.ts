import { googleCredentialsConfigured } from './sheets-emulator';

describe('googleCredentialsConfigured', () => {
  const emulatorKey = '/repo/.local/stack/sheets-emulator/service-account.json';

  it('starts the emulator when no Google credentials are set, or only the emulator’s own key', () => {
    expect(googleCredentialsConfigured(emulatorKey, {})).toBe(false);
    expect(googleCredentialsConfigured(emulatorKey, { SHEETS_CREDENTIALS_FILE: emulatorKey })).toBe(
      false,
    );
  });

  it('leaves the connector on real Google when a key file or application default credentials are set', () => {
    expect(
      googleCredentialsConfigured(emulatorKey, { SHEETS_CREDENTIALS_FILE: '/keys/sa.json' }),
    ).toBe(true);
    expect(
      googleCredentialsConfigured(emulatorKey, { GOOGLE_APPLICATION_CREDENTIALS: '/keys/sa.json' }),
    ).toBe(true);
  });
});
