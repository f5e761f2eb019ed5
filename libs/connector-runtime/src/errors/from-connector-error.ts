import { ConnectorRuntimeError, describeError } from './connector-runtime-error';

/** What a throw out of a connector's hook means for the responses of that call. */
export type ConnectorFailure =
  /** Retriable, or the call timed out: unknown whether anything landed. */
  | { readonly kind: 'unconfirmed'; readonly reason: string }
  /** Not retriable: a bug in the connector; the consumer stops. */
  | { readonly kind: 'bug'; readonly error: ConnectorRuntimeError };

/** Classifies an error thrown by a connector (`retriable: true` on the error, or our timeout). */
export function fromConnectorError(
  error: unknown,
  hook: string,
  timedOut: boolean,
): ConnectorFailure {
  const retriable =
    timedOut ||
    (typeof error === 'object' &&
      error !== null &&
      (error as { retriable?: unknown }).retriable === true);
  if (retriable) {
    return {
      kind: 'unconfirmed',
      reason: timedOut ? `${hook} timed out` : `${hook} failed: ${describeError(error)}`,
    };
  }
  return {
    kind: 'bug',
    error: new ConnectorRuntimeError(
      'connector_failed',
      false,
      `the connector's ${hook} threw a non-retriable error (a bug): ${describeError(error)}`,
      { cause: error },
    ),
  };
}
