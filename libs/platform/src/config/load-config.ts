import { readFileSync } from 'node:fs';
import { ConfigError } from './config-error';
import type { ConfigOf, ConfigSpec } from './define-config';
import type { Variable } from './variable';

export type Environment = Readonly<Record<string, string | undefined>>;

export interface ConfigIo {
  /** Reads a `<NAME>_FILE` secret; defaults to a synchronous UTF-8 file read. */
  readonly readFile: (path: string) => string;
}

const defaultIo: ConfigIo = { readFile: (path) => readFileSync(path, 'utf8') };

type Outcome =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: string };

/**
 * Reads every variable of `spec` from `env` and returns a frozen, typed object.
 * Throws a ConfigError naming every missing or invalid variable (not only the first).
 * Empty values count as unset.
 */
export function loadConfig<S extends ConfigSpec>(
  spec: S,
  env: Environment = process.env,
  io: ConfigIo = defaultIo,
): ConfigOf<S> {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, variable] of Object.entries(spec)) {
    const outcome = readVariable(variable, env, io);
    if (outcome.ok) values[key] = outcome.value;
    else problems.push(outcome.problem);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(values) as ConfigOf<S>;
}

function readVariable(variable: Variable<unknown>, env: Environment, io: ConfigIo): Outcome {
  const raw = readRaw(variable, env, io);
  if (!raw.ok) return raw;
  const text = raw.value ?? variable.default;
  if (text === undefined) {
    return variable.required
      ? { ok: false, problem: `${variable.env} is required: ${variable.description}` }
      : { ok: true, value: undefined };
  }
  const parsed = variable.schema.safeParse(text);
  if (parsed.success) return { ok: true, value: parsed.data };
  const reasons = parsed.error.issues.map((issue) => issue.message).join('; ');
  const shown = variable.secret ? '' : `=${JSON.stringify(truncate(withoutUrlPassword(text)))}`;
  return {
    ok: false,
    problem: `${variable.env}${shown} is invalid (${reasons}): ${variable.description}`,
  };
}

/** The trimmed raw string, from `<NAME>` or (secrets only) the file named by `<NAME>_FILE`. */
function readRaw(
  variable: Variable<unknown>,
  env: Environment,
  io: ConfigIo,
): { ok: true; value: string | undefined } | { ok: false; problem: string } {
  const direct = nonEmpty(env[variable.env]);
  if (!variable.secret) return { ok: true, value: direct };
  const fileVar = `${variable.env}_FILE`;
  const path = nonEmpty(env[fileVar]);
  if (path === undefined) return { ok: true, value: direct };
  if (direct !== undefined) {
    return {
      ok: false,
      problem: `${variable.env} and ${fileVar} are both set: set only one of them`,
    };
  }
  try {
    return { ok: true, value: nonEmpty(io.readFile(path)) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problem: `${fileVar}=${JSON.stringify(path)} cannot be read (${reason}): ${variable.description}`,
    };
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** Echoing a rejected value helps, unless it is a URL carrying a password. */
function withoutUrlPassword(text: string): string {
  if (!URL.canParse(text)) return text;
  const url = new URL(text);
  if (url.password === '') return text;
  url.password = '***';
  return url.toString();
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
