import { parseMigrationFile } from './migration-files';

describe('parseMigrationFile', () => {
  it('reads the version and name from NNNN_name.sql and checksums the content', () => {
    const file = parseMigrationFile('0007_api_keys.sql', 'CREATE TABLE t ();');
    expect(file).toMatchObject({ version: 7, name: 'api_keys', sql: 'CREATE TABLE t ();' });
    expect(file.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(parseMigrationFile('0007_api_keys.sql', 'CREATE TABLE u ();').checksum).not.toBe(
      file.checksum,
    );
  });

  it.each(['api_keys.sql', '0001-api-keys.sql', '0001_API.sql', '0001_.sql'])(
    'refuses the file name %s',
    (name) => {
      expect(() => parseMigrationFile(name, '')).toThrow(/NNNN_lowercase_description\.sql/);
    },
  );
});
