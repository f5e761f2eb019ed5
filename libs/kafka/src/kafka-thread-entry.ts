import { join } from 'node:path';

/** kafkajs 2.2.4 schedules negative timer delays (tulios/kafkajs#1751): harmless, silenced. */
const quietTimers = '--disable-warning=TimeoutNegativeWarning';

/**
 * The flags a worker thread running kafkajs takes from its process: warnings, source maps and
 * preloads (`-r`, e.g. swc-node when running from source). Not V8 or per-process flags: with one
 * of those (say `node --max-old-space-size=2048 main.js`) Node refuses to start the Worker
 * (ERR_WORKER_INVALID_EXEC_ARGV), and every call on it would fail. The thread sizes its own heap.
 */
export function kafkaThreadExecArgv(processExecArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < processExecArgv.length; i++) {
    const arg = processExecArgv[i]!;
    const next = processExecArgv[i + 1];
    if ((arg === '-r' || arg === '--require') && next !== undefined) {
      kept.push(arg, next);
      i++;
    } else if (
      arg.startsWith('--require=') ||
      arg.startsWith('--disable-warning=') ||
      arg === '--enable-source-maps'
    ) {
      kept.push(arg);
    }
  }
  return kept.includes(quietTimers) ? kept : [...kept, quietTimers];
}

/**
 * A worker's entry file and flags: the TypeScript source next to the caller when running from
 * source (loaded through swc-node), else the bundle `bundledName` next to main.js (webpack puts
 * the caller's code there, so the caller's `__dirname` is the bundle's folder either way).
 */
export function kafkaThreadEntry(
  callerFile: string,
  callerDir: string,
  sourceName: string,
  bundledName: string,
): { file: string; execArgv: string[] } {
  const execArgv = kafkaThreadExecArgv(process.execArgv);
  if (!callerFile.endsWith('.ts')) return { file: join(callerDir, bundledName), execArgv };
  const loaded = execArgv.some((arg) => arg.includes('@swc-node/register'));
  return {
    file: join(callerDir, sourceName),
    execArgv: loaded ? execArgv : [...execArgv, '-r', require.resolve('@swc-node/register')],
  };
}
