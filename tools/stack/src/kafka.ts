import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { host, kafkaLibsDir } from './layout';
import { findJava } from './prerequisites';
import { daemonPid, startDaemon, stopDaemon } from './processes';
import { say } from './progress';
import { assertPortFree } from './ports';
import { waitFor } from './wait';

export interface KafkaOptions {
  /** Instance folder: config, data (log.dirs), pid file. */
  dir: string;
  port: number;
  controllerPort: number;
  logFile: string;
  /** Broker heap; a single dev broker is happy with 512m. */
  heap?: string;
}

/** A single-node KRaft cluster: one process is both broker and controller. */
export class KafkaInstance {
  private readonly configFile: string;
  private readonly dataDir: string;
  private readonly pidFile: string;

  constructor(readonly options: KafkaOptions) {
    this.configFile = join(options.dir, 'server.properties');
    this.dataDir = join(options.dir, 'data');
    this.pidFile = join(options.dir, 'kafka.pid');
  }

  get bootstrapServers(): string {
    return `${host}:${this.options.port}`;
  }

  pid(): number | undefined {
    return daemonPid(this.pidFile);
  }

  private writeConfig(): void {
    mkdirSync(this.options.dir, { recursive: true });
    const { port, controllerPort } = this.options;
    const properties = {
      'process.roles': 'broker,controller',
      'node.id': '1',
      'controller.quorum.voters': `1@${host}:${controllerPort}`,
      listeners: `PLAINTEXT://${host}:${port},CONTROLLER://${host}:${controllerPort}`,
      'advertised.listeners': `PLAINTEXT://${host}:${port}`,
      'controller.listener.names': 'CONTROLLER',
      'inter.broker.listener.name': 'PLAINTEXT',
      'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      'log.dirs': this.dataDir,
      'num.partitions': '1',
      'offsets.topic.replication.factor': '1',
      'offsets.topic.num.partitions': '12',
      'transaction.state.log.replication.factor': '1',
      'transaction.state.log.min.isr': '1',
      'share.coordinator.state.topic.replication.factor': '1',
      'share.coordinator.state.topic.min.isr': '1',
      // Topics are created on purpose, with their settings, by the services' set-up.
      'auto.create.topics.enable': 'false',
      'group.initial.rebalance.delay.ms': '0',
    };
    const text = Object.entries(properties)
      .map(([key, value]) => `${key}=${value}`)
      .join('\n');
    writeFileSync(this.configFile, `${text}\n`);
    writeFileSync(join(this.options.dir, 'log4j2.xml'), log4jConfig);
  }

  private classpath(): string {
    return `${kafkaLibsDir}/*`;
  }

  private format(): void {
    if (existsSync(join(this.dataDir, 'meta.properties'))) return;
    say(`formatting Kafka storage in ${this.dataDir}`);
    // Like Kafka's own Uuid.randomUuid: an id starting with '-' would be read as a flag.
    let clusterId = randomBytes(16).toString('base64url');
    while (clusterId.startsWith('-')) clusterId = randomBytes(16).toString('base64url');
    const result = spawnSync(
      findJava(),
      [
        `-Dlog4j2.configurationFile=${join(this.options.dir, 'log4j2.xml')}`,
        '-cp',
        this.classpath(),
        'kafka.tools.StorageTool',
        'format',
        '-t',
        clusterId,
        '-c',
        this.configFile,
      ],
      { encoding: 'utf8' },
    );
    if (result.status !== 0)
      throw new Error(`Kafka storage format failed: ${result.stderr || result.stdout}`);
  }

  async start(timeoutMs = 90_000): Promise<void> {
    if (!this.pid()) {
      await assertPortFree(this.options.port, 'Kafka');
      this.writeConfig();
      this.format();
      startDaemon({
        name: 'kafka',
        command: findJava(),
        args: [
          `-Xms${this.options.heap ?? '512m'}`,
          `-Xmx${this.options.heap ?? '512m'}`,
          '-XX:+UseG1GC',
          '-XX:MaxGCPauseMillis=20',
          '-Djava.awt.headless=true',
          `-Dlog4j2.configurationFile=${join(this.options.dir, 'log4j2.xml')}`,
          `-Dkafka.logs.dir=${this.options.dir}`,
          '-cp',
          this.classpath(),
          'kafka.Kafka',
          this.configFile,
        ],
        logFile: this.options.logFile,
        pidFile: this.pidFile,
      });
    }
    await waitFor(() => this.isReady(), {
      what: `Kafka on ${this.bootstrapServers}`,
      timeoutMs,
      intervalMs: 500,
      abortIf: () => (this.pid() ? undefined : `it exited; see ${this.options.logFile}`),
    });
  }

  /** Ready = the broker answers metadata and has a controller. */
  async isReady(): Promise<boolean> {
    const kafka = new Kafka({
      clientId: 'collect-stack',
      brokers: [this.bootstrapServers],
      connectionTimeout: 1_000,
      requestTimeout: 2_000,
      retry: { retries: 0 },
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      return cluster.brokers.length > 0 && cluster.controller !== null;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  async stop(): Promise<void> {
    await stopDaemon('kafka', this.pidFile, { graceMs: 30_000 });
  }
}

const log4jConfig = `<?xml version="1.0" encoding="UTF-8"?>
<Configuration status="WARN">
  <Appenders>
    <Console name="stdout" target="SYSTEM_OUT">
      <PatternLayout pattern="[%d] %p %m (%c)%n"/>
    </Console>
  </Appenders>
  <Loggers>
    <Root level="INFO"><AppenderRef ref="stdout"/></Root>
    <Logger name="kafka.request.logger" level="WARN"/>
    <Logger name="org.apache.kafka.storage" level="WARN"/>
    <Logger name="kafka.log" level="WARN"/>
  </Loggers>
</Configuration>
`;
