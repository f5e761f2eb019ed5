import { join } from 'node:path';
import { apicurioDir, host, localPostgres } from './layout';
import { findJava } from './prerequisites';
import { daemonPid, startDaemon, stopDaemon } from './processes';
import { assertPortFree } from './ports';
import { waitFor } from './wait';

export interface RegistryOptions {
  dir: string;
  port: number;
  logFile: string;
  /** Schemas are stored in this Postgres database (same server as the read models). */
  postgres: { port: number; database: string };
}

/**
 * Apicurio Registry, serving the Confluent-compatible API under /apis/ccompat/v7 — the URL
 * @kafkajs/confluent-schema-registry is pointed at.
 */
export class RegistryInstance {
  private readonly pidFile: string;

  constructor(readonly options: RegistryOptions) {
    this.pidFile = join(options.dir, 'registry.pid');
  }

  get url(): string {
    return `http://${host}:${this.options.port}/apis/ccompat/v7`;
  }

  pid(): number | undefined {
    return daemonPid(this.pidFile);
  }

  async start(timeoutMs = 120_000): Promise<void> {
    if (!this.pid()) {
      await assertPortFree(this.options.port, 'the schema registry');
      const { postgres } = this.options;
      startDaemon({
        name: 'schema-registry',
        command: findJava(),
        args: [
          '-Xms128m',
          '-Xmx384m',
          '-XX:+UseSerialGC',
          '-jar',
          join(apicurioDir, 'quarkus-run.jar'),
        ],
        cwd: apicurioDir,
        env: {
          ...process.env,
          QUARKUS_HTTP_HOST: host,
          QUARKUS_HTTP_PORT: String(this.options.port),
          // The management interface is fixed on at build time; keep it on loopback, beside the API.
          QUARKUS_MANAGEMENT_HOST: host,
          QUARKUS_MANAGEMENT_PORT: String(this.options.port + 1),
          QUARKUS_PROFILE: 'prod',
          APICURIO_STORAGE_KIND: 'sql',
          APICURIO_STORAGE_SQL_KIND: 'postgresql',
          APICURIO_DATASOURCE_URL: `jdbc:postgresql://${host}:${postgres.port}/${postgres.database}`,
          APICURIO_DATASOURCE_USERNAME: localPostgres.user,
          APICURIO_DATASOURCE_PASSWORD: localPostgres.password,
        },
        logFile: this.options.logFile,
        pidFile: this.pidFile,
      });
    }
    await waitFor(() => this.isReady(), {
      what: `schema registry on ${this.url}`,
      timeoutMs,
      intervalMs: 500,
      abortIf: () => (this.pid() ? undefined : `it exited; see ${this.options.logFile}`),
    });
    await this.requireBackwardByDefault();
  }

  /**
   * Subjects without a level of their own inherit this one, so a subject whose own setting was
   * never written (say, a client cut off between registering and configuring) is still BACKWARD.
   */
  private async requireBackwardByDefault(): Promise<void> {
    const response = await fetch(`${this.url}/config`, {
      method: 'PUT',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ compatibility: 'BACKWARD' }),
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok)
      throw new Error(
        `could not set the registry's default compatibility: HTTP ${response.status}`,
      );
  }

  async isReady(): Promise<boolean> {
    const response = await fetch(`${this.url}/subjects`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  }

  async stop(): Promise<void> {
    await stopDaemon('schema-registry', this.pidFile, { graceMs: 20_000 });
  }
}
