import type { ConfigSpec } from './define-config';

export interface ConfigRow {
  readonly name: string;
  readonly required: boolean;
  readonly default: string | undefined;
  readonly secret: boolean;
  readonly description: string;
}

/** One row per variable, in declaration order: what README tables and `--help` output list. */
export function describeConfig(spec: ConfigSpec): ConfigRow[] {
  return Object.values(spec).map((variable) => ({
    name: variable.secret ? `${variable.env} (or ${variable.env}_FILE)` : variable.env,
    required: variable.required,
    default: variable.default,
    secret: variable.secret,
    description: variable.description,
  }));
}
