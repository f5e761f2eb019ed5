import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { uniqueName } from '../../../../test/support/names';
import { postgresConnection, stackEnv } from '../../../../test/support/stack-env';
import { runMigrations } from './run-migrations';

const pool = new Pool({ ...postgresConnection(stackEnv()), max: 12 });

afterAll(() => pool.end());

/** A migrations folder and table of its own, so runs never see each other. */
function fixture(files: Record<string, string>) {
  const directory = mkdtempSync(join(tmpdir(), 'collect-migrations-'));
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(directory, name), sql);
  const prefix = uniqueName('m').replaceAll('-', '_');
  return {
    directory,
    prefix,
    table: `${prefix}_schema_migrations`,
    write: (name: string, sql: string) => writeFileSync(join(directory, name), sql),
    dispose: () => rmSync(directory, { recursive: true, force: true }),
  };
}

async function tableExists(name: string): Promise<boolean> {
  const { rows } = await pool.query<{ found: string | null }>('SELECT to_regclass($1) AS found', [
    name,
  ]);
  return rows[0]?.found !== null;
}

describe('runMigrations against the real Postgres', () => {
  it('applies the pending files in version order, each once, and records them', async () => {
    const t = fixture({});
    t.write('0002_second.sql', `ALTER TABLE ${t.prefix}_a ADD COLUMN b int;`);
    t.write('0001_first.sql', `CREATE TABLE ${t.prefix}_a (id int);`);
    try {
      expect(await runMigrations(pool, t)).toEqual([1, 2]);
      expect(await runMigrations(pool, t)).toEqual([]);
      const { rows } = await pool.query(`SELECT version, name FROM ${t.table} ORDER BY version`);
      expect(rows).toEqual([
        { version: 1, name: 'first' },
        { version: 2, name: 'second' },
      ]);
      t.write('0003_third.sql', `ALTER TABLE ${t.prefix}_a ADD COLUMN c int;`);
      expect(await runMigrations(pool, t)).toEqual([3]);
    } finally {
      t.dispose();
    }
  });

  it('applies each migration exactly once when several replicas start together', async () => {
    // Not idempotent on purpose: a second application would fail on the duplicate table.
    const t = fixture({});
    for (let version = 1; version <= 5; version++) {
      t.write(`000${version}_t${version}.sql`, `CREATE TABLE ${t.prefix}_t${version} (id int);`);
    }
    try {
      const runs = await Promise.all(Array.from({ length: 8 }, () => runMigrations(pool, t)));
      expect(runs.flat().sort()).toEqual([1, 2, 3, 4, 5]);
      expect(runs.filter((applied) => applied.length > 0)).toHaveLength(1);
    } finally {
      t.dispose();
    }
  });

  it('rolls a failing migration back entirely and does not record it', async () => {
    const t = fixture({});
    t.write('0001_ok.sql', `CREATE TABLE ${t.prefix}_ok (id int);`);
    t.write(
      '0002_broken.sql',
      `CREATE TABLE ${t.prefix}_half (id int); SELECT no_such_function();`,
    );
    try {
      await expect(runMigrations(pool, t)).rejects.toThrow(/migration 2_broken failed/);
      expect(await tableExists(`${t.prefix}_ok`)).toBe(true);
      expect(await tableExists(`${t.prefix}_half`)).toBe(false);
      const { rows } = await pool.query(`SELECT version FROM ${t.table}`);
      expect(rows).toEqual([{ version: 1 }]);
    } finally {
      t.dispose();
    }
  });

  it('refuses to run when an applied migration file was edited', async () => {
    const t = fixture({});
    t.write('0001_first.sql', `CREATE TABLE ${t.prefix}_a (id int);`);
    try {
      await runMigrations(pool, t);
      t.write('0001_first.sql', `CREATE TABLE ${t.prefix}_a (id bigint);`);
      await expect(runMigrations(pool, t)).rejects.toThrow(/changed after it was applied/);
    } finally {
      t.dispose();
    }
  });

  it('applies one folder into each given schema, with a record of its own per schema', async () => {
    const t = fixture({});
    t.write('0001_first.sql', 'CREATE TABLE things (id int);');
    const [one, two] = [`${t.prefix}_s1`, `${t.prefix}_s2`];
    try {
      expect(await runMigrations(pool, { ...t, schema: one })).toEqual([1]);
      expect(await runMigrations(pool, { ...t, schema: two })).toEqual([1]);
      expect(await runMigrations(pool, { ...t, schema: one })).toEqual([]);
      expect(await tableExists(`${one}.things`)).toBe(true);
      expect(await tableExists(`${two}.things`)).toBe(true);
      expect(await tableExists(`${one}.${t.table}`)).toBe(true);
      expect(await tableExists(`public.${t.table}`)).toBe(false);
    } finally {
      t.dispose();
      await pool.query(
        `DROP SCHEMA IF EXISTS ${one} CASCADE; DROP SCHEMA IF EXISTS ${two} CASCADE`,
      );
    }
  });

  it('refuses a migrations table name that is not a plain identifier', async () => {
    await expect(
      runMigrations(pool, { directory: tmpdir(), table: 'x; DROP TABLE y' }),
    ).rejects.toThrow(/not a plain identifier/);
  });
});
