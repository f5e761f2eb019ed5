import { redactedSecretsSent, withStoredSecrets } from './config-secrets';

const stored = { url: 'https://a.example', authToken: 'stored-token', auth: { key: 'stored-key' } };
const paths = ['/authToken', '/auth/key'];

describe('secrets in an updated config', () => {
  it('keeps a stored secret sent back as "[redacted]"', () => {
    const incoming = {
      url: 'https://b.example',
      authToken: '[redacted]',
      auth: { key: '[redacted]' },
    };
    expect(withStoredSecrets(incoming, stored, paths)).toEqual({
      ...stored,
      url: 'https://b.example',
    });
  });

  it('keeps a stored secret left out of the config', () => {
    expect(withStoredSecrets({ url: 'https://b.example', auth: {} }, stored, paths)).toEqual({
      ...stored,
      url: 'https://b.example',
    });
  });

  it('replaces a secret sent with a new value', () => {
    const incoming = { url: 'https://a.example', authToken: 'new-token', auth: { key: 'new-key' } };
    expect(withStoredSecrets(incoming, stored, paths)).toEqual(incoming);
  });

  it('does not invent a secret that was never stored, nor change the request it was given', () => {
    const incoming = { url: 'https://a.example', authToken: '[redacted]' };
    const copy = structuredClone(incoming);
    expect(withStoredSecrets(incoming, { url: 'https://a.example' }, paths)).toEqual({
      url: 'https://a.example',
    });
    expect(incoming).toEqual(copy);
  });
});

describe('secrets in a new config', () => {
  it('reports every secret sent as "[redacted]", by its path under /config', () => {
    expect(
      redactedSecretsSent({ authToken: '[redacted]', auth: { key: '[redacted]' } }, paths).map(
        (e) => [e.path, e.code],
      ),
    ).toEqual([
      ['/config/authToken', 'redacted_secret'],
      ['/config/auth/key', 'redacted_secret'],
    ]);
    expect(redactedSecretsSent(stored, paths)).toEqual([]);
  });
});
