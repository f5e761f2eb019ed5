import { keepRedactedSecrets, parsePointer, redactedValue, redactSecrets } from './secret-paths';

describe('secret paths', () => {
  const stored = {
    spreadsheetId: 'sheet-1',
    authToken: 's3cret',
    credentials: { privateKey: 'pk', 'a/b': 'slash' },
  };
  const secretPaths = ['/authToken', '/credentials/privateKey', '/credentials/a~1b', '/missing'];

  it('never lets a secret value through redaction, and leaves other fields and the input alone', () => {
    const redacted = redactSecrets(stored, secretPaths);
    expect(redacted).toEqual({
      spreadsheetId: 'sheet-1',
      authToken: redactedValue,
      credentials: { privateKey: redactedValue, 'a/b': redactedValue },
    });
    expect(JSON.stringify(redacted)).not.toMatch(/s3cret|pk|slash/);
    expect(stored.authToken).toBe('s3cret');
  });

  it('keeps the stored secret when an update sends the redacted value back', () => {
    const incoming = { ...redactSecrets(stored, secretPaths), spreadsheetId: 'sheet-2' };
    expect(keepRedactedSecrets(incoming, stored, secretPaths)).toEqual({
      ...stored,
      spreadsheetId: 'sheet-2',
    });
  });

  it('stores a new secret an update sends in clear', () => {
    const incoming = { ...stored, authToken: 'rotated' };
    expect(keepRedactedSecrets(incoming, stored, secretPaths).authToken).toBe('rotated');
  });

  it('decodes ~0 and ~1 in pointers and refuses a pointer without a leading slash', () => {
    expect(parsePointer('/a~1b/c~0d')).toEqual(['a/b', 'c~d']);
    expect(() => parsePointer('authToken')).toThrow(/must start with/);
  });
});
