import { ConfigError, EX_CONFIG } from './config-error';

/**
 * Runs `load`; on a ConfigError prints each problem on its own stderr line and exits with
 * EX_CONFIG (78), so an orchestrator shows the fix instead of a stack trace.
 */
export function loadConfigOrExit<T>(load: () => T, processName: string): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${processName}: invalid configuration\n`);
    for (const problem of error.problems) process.stderr.write(`  ${problem}\n`);
    process.exit(EX_CONFIG);
  }
}
