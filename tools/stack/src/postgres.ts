import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { host, localPostgres, postgresBinDir } from './layout';
import { daemonPid, startDaemon, stopDaemon } from './processes';
import { say } from './progress';
import { assertPortFree } from './ports';
import { waitFor } from './wait';

export interface PostgresOptions {
  /** Instance folder: data/, socket/, the log and the pid file live here. */
  dir: string;
  port: number;
  logFile: string;
}

interface RunAs {
  uid: number;
  gid: number;
}

/**
 * Postgres refuses to run as root. When we are root, the server runs as the `postgres`
 * user and its folder is handed to that user.
 */
function runAs(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error(
      'running as root, and Postgres refuses to run as root: create a `postgres` user ' +
        '(useradd --system --no-create-home postgres) or run the stack as a normal user',
    );
  }
}

function chownTree(path: string, owner: RunAs): void {
  chownSync(path, owner.uid, owner.gid);
  if (!statSync(path).isDirectory()) return;
  for (const entry of readdirSync(path)) chownTree(join(path, entry), owner);
}

export class PostgresInstance {
  readonly dataDir: string;
  private readonly pidFile: string;
  private readonly owner = runAs();

  constructor(readonly options: PostgresOptions) {
    this.dataDir = join(options.dir, 'data');
    this.pidFile = join(options.dir, 'postgres.pid.daemon');
  }

  get url(): string {
    return `postgres://${localPostgres.user}@${host}:${this.options.port}/${localPostgres.database}`;
  }

  pid(): number | undefined {
    return daemonPid(this.pidFile);
  }

  private initialise(): void {
    if (existsSync(join(this.dataDir, 'PG_VERSION'))) return;
    say(`initialising Postgres data in ${this.dataDir}`);
    mkdirSync(this.options.dir, { recursive: true });
    const passwordFile = join(this.options.dir, 'initdb-password');
    writeFileSync(passwordFile, localPostgres.password, { mode: 0o600 });
    if (this.owner) chownTree(this.options.dir, this.owner);
    const result = spawnSync(
      join(postgresBinDir, 'initdb'),
      [
        '-D',
        this.dataDir,
        '-U',
        localPostgres.user,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '-E',
        'UTF8',
        '--locale=C',
      ],
      { encoding: 'utf8', uid: this.owner?.uid, gid: this.owner?.gid },
    );
    if (result.status !== 0)
      throw new Error(`initdb failed: ${result.stderr || result.stdout || result.error?.message}`);
  }

  async start(timeoutMs = 60_000): Promise<void> {
    if (!this.pid()) {
      await assertPortFree(this.options.port, 'Postgres');
      this.initialise();
      const socketDir = join(this.options.dir, 'socket');
      mkdirSync(socketDir, { recursive: true });
      if (this.owner) chownTree(socketDir, this.owner);
      startDaemon({
        name: 'postgres',
        command: join(postgresBinDir, 'postgres'),
        args: [
          '-D',
          this.dataDir,
          '-p',
          String(this.options.port),
          '-c',
          `listen_addresses=${host}`,
          '-c',
          `unix_socket_directories=${socketDir}`,
          '-c',
          'max_connections=300',
          '-c',
          'shared_buffers=256MB',
        ],
        logFile: this.options.logFile,
        pidFile: this.pidFile,
        uid: this.owner?.uid,
        gid: this.owner?.gid,
      });
    }
    await waitFor(() => this.isReady(), {
      what: `Postgres on ${host}:${this.options.port}`,
      timeoutMs,
      abortIf: () => (this.pid() ? undefined : `it exited; see ${this.options.logFile}`),
    });
  }

  async isReady(): Promise<boolean> {
    const client = this.client('postgres');
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  client(database: string = localPostgres.database): Client {
    return new Client({
      host,
      port: this.options.port,
      user: localPostgres.user,
      password: localPostgres.password,
      database,
      connectionTimeoutMillis: 2_000,
    });
  }

  async ensureDatabase(name: string): Promise<void> {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid database name: ${name}`);
    const client = this.client('postgres');
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
    } finally {
      await client.end();
    }
  }

  /** Fast shutdown (SIGINT): disconnects clients instead of waiting for them. */
  async stop(): Promise<void> {
    await stopDaemon('postgres', this.pidFile, { signal: 'SIGINT', graceMs: 30_000 });
  }
}
