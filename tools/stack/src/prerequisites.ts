import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Apicurio Registry 3 is built for Java 21; Kafka 4 needs 17. One JDK >= 21 serves both. */
const minimumJavaMajor = 21;

function javaMajor(javaBin: string): number | undefined {
  // -XshowSettings prints to stderr; a missing binary leaves both streams empty.
  const result = spawnSync(javaBin, ['-XshowSettings:properties', '-version'], {
    encoding: 'utf8',
  });
  return parseSpecVersion(`${result.stdout ?? ''}${result.stderr ?? ''}`);
}

function parseSpecVersion(text: string): number | undefined {
  const match = /java\.specification\.version = (\d+)/.exec(text);
  return match?.[1] ? Number(match[1]) : undefined;
}

function javaCandidates(): string[] {
  const candidates: string[] = [];
  if (process.env.COLLECT_JAVA_HOME)
    candidates.push(join(process.env.COLLECT_JAVA_HOME, 'bin/java'));
  if (process.env.JAVA_HOME) candidates.push(join(process.env.JAVA_HOME, 'bin/java'));
  candidates.push('java');
  for (const root of ['/usr/lib/jvm', '/opt/java', '/usr/local/lib/jvm']) {
    if (!existsSync(root)) continue;
    for (const entry of readdirSync(root).sort().reverse())
      candidates.push(join(root, entry, 'bin/java'));
  }
  return candidates;
}

let cachedJava: string | undefined;

/** The newest usable `java` binary, or a clear error saying what to install. */
export function findJava(): string {
  if (cachedJava) return cachedJava;
  const seen: string[] = [];
  for (const candidate of javaCandidates()) {
    const major = javaMajor(candidate);
    if (major !== undefined) seen.push(`${candidate} (Java ${major})`);
    if (major !== undefined && major >= minimumJavaMajor) {
      cachedJava = candidate;
      return candidate;
    }
  }
  throw new Error(
    `the local stack needs a JDK ${minimumJavaMajor} or newer (Apicurio Registry 3 and Kafka 4 run on it). ` +
      `Found: ${seen.length ? seen.join(', ') : 'no java at all'}. ` +
      `Install one (e.g. Temurin 21/25, or Debian's openjdk-21-jre-headless where available) and/or set COLLECT_JAVA_HOME.`,
  );
}

export function requireCommand(command: string, installHint: string): void {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error(`the local stack needs \`${command}\` on PATH: ${installHint}`);
  }
}
