import { fromConnectorError, type ConnectorFailure } from '../errors/from-connector-error';

export type CallResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly failure: Extract<ConnectorFailure, { kind: 'unconfirmed' }> };

/**
 * Calls a connector hook with a deadline (its signal aborts when the time is up or the runtime
 * stops). A retriable throw or the timeout comes back as `unconfirmed`; a non-retriable throw (a
 * bug in the connector) is rethrown as a non-retriable ConnectorRuntimeError.
 */
export async function callConnector<T>(
  hook: string,
  timeoutMs: number,
  stopping: AbortSignal,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<CallResult<T>> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`${hook} timed out after ${timeoutMs} ms`));
  }, timeoutMs);
  const onStop = () => controller.abort(new Error('the connector is stopping'));
  stopping.addEventListener('abort', onStop, { once: true });
  try {
    const value = await Promise.race([
      call(controller.signal),
      new Promise<never>((_, reject) =>
        controller.signal.addEventListener(
          'abort',
          () => reject(asError(controller.signal.reason)),
          { once: true },
        ),
      ),
    ]);
    return { ok: true, value };
  } catch (error) {
    const failure = fromConnectorError(error, hook, timedOut || stopping.aborted);
    if (failure.kind === 'bug') throw failure.error;
    return { ok: false, failure };
  } finally {
    clearTimeout(timer);
    stopping.removeEventListener('abort', onStop);
  }
}

function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
