import type { Variable } from './variable';

/** A process's configuration: property name → the variable it is read from. */
export type ConfigSpec = Readonly<Record<string, Variable<unknown>>>;

/** The typed, frozen object `loadConfig` returns for a spec. */
export type ConfigOf<S extends ConfigSpec> = {
  readonly [K in keyof S]: S[K] extends Variable<infer T> ? T : never;
};

export function defineConfig<const S extends ConfigSpec>(spec: S): S {
  const seen = new Set<string>();
  for (const variable of Object.values(spec)) {
    if (seen.has(variable.env)) {
      throw new Error(`${variable.env} is declared twice in one config spec`);
    }
    seen.add(variable.env);
  }
  return Object.freeze(spec);
}
