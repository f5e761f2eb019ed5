import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One `NNNN_description.sql` file of an app's migrations folder. */
export interface MigrationFile {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** SHA-256 of the file; an applied migration whose file changed stops the runner. */
  readonly checksum: string;
}

const FILE_NAME = /^(\d+)_([a-z0-9_]+)\.sql$/;

/** The folder's migrations in version order. Files that are not `NNNN_name.sql` are refused. */
export function readMigrationFiles(directory: string): MigrationFile[] {
  const files = readdirSync(directory)
    .filter((entry) => entry.endsWith('.sql'))
    .map((entry) => parseMigrationFile(entry, readFileSync(join(directory, entry), 'utf8')));
  files.sort((a, b) => a.version - b.version);
  for (let index = 1; index < files.length; index++) {
    if (files[index]!.version === files[index - 1]!.version) {
      throw new Error(`${directory}: two migrations share version ${files[index]!.version}`);
    }
  }
  return files;
}

export function parseMigrationFile(fileName: string, sql: string): MigrationFile {
  const match = FILE_NAME.exec(fileName);
  if (!match) {
    throw new Error(
      `migration file ${fileName} must be named NNNN_lowercase_description.sql (e.g. 0001_api_keys.sql)`,
    );
  }
  return {
    version: Number(match[1]),
    name: match[2]!,
    sql,
    checksum: createHash('sha256').update(sql).digest('hex'),
  };
}
