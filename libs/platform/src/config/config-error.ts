/** Exit code for a configuration error (sysexits.h EX_CONFIG). */
export const EX_CONFIG = 78;

/** Thrown by `loadConfig`; lists every problem, one per line, each naming its variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}
