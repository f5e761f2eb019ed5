/**
 * `./dev test`: typecheck, lint, format check, then every Jest tier against the real stack (Jest's global
 * set-up starts it, or reuses a running one). Ends with one plain summary line,
 * "N passed, N failed, N skipped", whatever the runner printed before it.
 * Extra arguments go to Jest (e.g. `./dev test --selectProjects unit`).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { nodeWarningFlags } from '../stack/src/apps';
import { localDir, repoRoot } from '../stack/src/layout';
import { formatSeconds, say } from '../stack/src/progress';

interface JestSummary {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numRuntimeErrorTestSuites: number;
  success: boolean;
}

function run(label: string, command: string, args: string[]): boolean {
  const started = Date.now();
  say(label);
  const env = {
    ...process.env,
    NODE_OPTIONS: [process.env.NODE_OPTIONS, ...nodeWarningFlags].filter(Boolean).join(' '),
  };
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', env });
  const ok = result.status === 0;
  say(
    `${label}: ${ok ? 'ok' : `failed (exit ${result.status ?? result.signal})`} in ${formatSeconds(Date.now() - started)}`,
  );
  return ok;
}

function bin(name: string): string {
  return join(repoRoot, 'node_modules', '.bin', name);
}

function main(jestArgs: string[]): number {
  const checksOk =
    run('typecheck (tsc --noEmit)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']) &&
    run('lint (eslint)', bin('eslint'), ['.']) &&
    run('format (prettier --check)', bin('prettier'), ['--check', '--log-level', 'warn', '.']);

  const resultsFile = join(localDir, 'test-results.json');
  mkdirSync(localDir, { recursive: true });
  rmSync(resultsFile, { force: true });
  const projects = jestArgs.includes('--selectProjects')
    ? []
    : ['--selectProjects', 'unit', 'int', 'e2e'];
  // --forceExit: some int test leaves a kafkajs consumer retrying against a stopped private
  // broker, which kept Jest alive after every test had passed. Find it with --detectOpenHandles.
  run('tests (jest)', bin('jest'), [
    ...projects,
    '--forceExit',
    '--json',
    `--outputFile=${resultsFile}`,
    ...jestArgs,
  ]);

  let summary: JestSummary | undefined;
  try {
    summary = JSON.parse(readFileSync(resultsFile, 'utf8')) as JestSummary;
  } catch {
    summary = undefined;
  }
  if (!summary) {
    process.stdout.write('0 passed, 1 failed\n');
    say('jest did not write its results; see its output above');
    return 1;
  }
  const failed = summary.numFailedTests + summary.numRuntimeErrorTestSuites;
  const skipped = summary.numPendingTests + summary.numTodoTests;
  if (!checksOk) say('typecheck or lint failed (see above); the run fails even though tests ran');
  process.stdout.write(`${summary.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`);
  return checksOk && summary.success && failed === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
