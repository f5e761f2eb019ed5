import { join } from 'node:path';
import { AppProcess, apps } from './apps';
import { ensureJvmParts, ensurePostgresBinaries } from './install';
import { KafkaInstance } from './kafka';
import { localPostgres, logsDir, ports, stackDir, versions } from './layout';
import { PostgresInstance } from './postgres';
import { findJava } from './prerequisites';
import { formatSeconds, say } from './progress';
import { RegistryInstance } from './registry';
import { googleCredentialsConfigured, SheetsEmulatorInstance } from './sheets-emulator';

export interface ComponentStatus {
  name: string;
  pid: number | undefined;
  address: string;
  ready: boolean;
  log: string;
}

/** The developer's local stack: fixed loopback ports, data under .local/stack. */
export class LocalStack {
  readonly postgres = new PostgresInstance({
    dir: join(stackDir, 'postgres'),
    port: ports.postgres,
    logFile: join(logsDir, 'postgres.log'),
  });
  readonly kafka = new KafkaInstance({
    dir: join(stackDir, 'kafka'),
    port: ports.kafka,
    controllerPort: ports.kafkaController,
    logFile: join(logsDir, 'kafka.log'),
  });
  readonly registry = new RegistryInstance({
    dir: join(stackDir, 'registry'),
    port: ports.registry,
    logFile: join(logsDir, 'schema-registry.log'),
    postgres: { port: ports.postgres, database: localPostgres.registryDatabase },
  });
  readonly sheetsEmulator = new SheetsEmulatorInstance({
    dir: join(stackDir, 'sheets-emulator'),
    port: ports.sheetsEmulator,
    logFile: join(logsDir, 'sheets-emulator.log'),
  });
  /** No Google credentials configured: the sheets-connector talks to the emulator. */
  readonly emulatesGoogle = !googleCredentialsConfigured(this.sheetsEmulator.keyFile);

  /** What an app needs to reach this stack. */
  env(): Record<string, string> {
    return {
      KAFKA_BROKERS: this.kafka.bootstrapServers,
      SCHEMA_REGISTRY_URL: this.registry.url,
      DATABASE_URL: this.postgres.url,
      DATABASE_PASSWORD: localPostgres.password,
      // Loopback-only development stack: a fixed, public admin key is fine here and nowhere else.
      API_ADMIN_KEY: 'local-admin-key-0123456789abcdef0123456789abcdef',
      ...(this.emulatesGoogle ? this.sheetsEmulator.env() : {}),
    };
  }

  appProcesses(): AppProcess[] {
    return apps.map((spec) => new AppProcess(spec, this.env()));
  }

  /** Installs what is missing, then starts what is not running. A second call is a no-op. */
  async up(options: { withApps?: boolean } = {}): Promise<void> {
    const started = Date.now();
    findJava();
    ensurePostgresBinaries();
    ensureJvmParts();
    say(`starting Postgres (${this.postgres.url})`);
    await this.postgres.start();
    await this.postgres.ensureDatabase(localPostgres.database);
    await this.postgres.ensureDatabase(localPostgres.registryDatabase);
    say(
      `starting Kafka ${versions.kafka} (${this.kafka.bootstrapServers}) and Apicurio Registry ${versions.apicurio} (${this.registry.url})`,
    );
    await Promise.all([this.kafka.start(), this.registry.start()]);
    if (this.emulatesGoogle) {
      say(
        `starting the Google Sheets emulator (${this.sheetsEmulator.url}): no Google credentials configured`,
      );
      await this.sheetsEmulator.start();
    }
    if (options.withApps) {
      for (const app of this.appProcesses()) {
        say(`starting ${app.spec.name} (${app.url})`);
        await app.start();
      }
    }
    say(`stack up in ${formatSeconds(Date.now() - started)}`);
  }

  async down(): Promise<void> {
    for (const app of this.appProcesses()) await app.stop();
    await this.sheetsEmulator.stop();
    await Promise.all([this.registry.stop(), this.kafka.stop()]);
    await this.postgres.stop();
  }

  /** True when the infrastructure (not necessarily the apps) runs. */
  isRunning(): boolean {
    return Boolean(this.postgres.pid() && this.kafka.pid() && this.registry.pid());
  }

  async status(): Promise<ComponentStatus[]> {
    const probe = async (check: () => Promise<boolean>) => check().catch(() => false);
    const rows: ComponentStatus[] = [
      {
        name: 'postgres',
        pid: this.postgres.pid(),
        address: this.postgres.url,
        ready: await probe(() => this.postgres.isReady()),
        log: this.postgres.options.logFile,
      },
      {
        name: 'kafka',
        pid: this.kafka.pid(),
        address: this.kafka.bootstrapServers,
        ready: await probe(() => this.kafka.isReady()),
        log: this.kafka.options.logFile,
      },
      {
        name: 'schema-registry',
        pid: this.registry.pid(),
        address: this.registry.url,
        ready: await probe(() => this.registry.isReady()),
        log: this.registry.options.logFile,
      },
    ];
    for (const app of this.appProcesses()) {
      rows.push({
        name: app.spec.name,
        pid: app.pid(),
        address: app.url,
        ready: await probe(() => app.isReady()),
        log: app.logFile,
      });
    }
    rows.push({
      name: 'sheets-emulator',
      pid: this.sheetsEmulator.pid(),
      address: this.emulatesGoogle ? this.sheetsEmulator.url : 'off: Google credentials configured',
      ready: await probe(() => this.sheetsEmulator.isReady()),
      log: this.sheetsEmulator.options.logFile,
    });
    return rows;
  }
}
