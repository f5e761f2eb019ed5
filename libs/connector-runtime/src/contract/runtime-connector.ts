import type { Connector } from './connector';

/** A connector as the runtime holds it: its config type erased to the JSON object it is. */
export type RuntimeConnector = Connector<Readonly<Record<string, unknown>>>;

export function asRuntimeConnector<Config>(connector: Connector<Config>): RuntimeConnector {
  return connector as unknown as RuntimeConnector;
}
