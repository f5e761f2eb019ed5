import { createRequire } from 'node:module';
// Through create-kafka, as the apps load it.
import './create-kafka';

interface RequestQueue {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

const RequestQueueClass = createRequire(__filename)('kafkajs/src/network/requestQueue') as new (
  options: object,
) => RequestQueue;

const silentLogger = { debug: () => undefined, warn: () => undefined, error: () => undefined };

function queue(): RequestQueue {
  return new RequestQueueClass({
    maxInFlightRequests: 1,
    requestTimeout: 30_000,
    enforceRequestTimeout: false,
    clientId: 'test',
    broker: 'localhost:0',
    logger: silentLogger,
  });
}

describe('kafkajs request queue without the idle 1 ms poll', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('arms no timer when nothing waits and nothing throttles', () => {
    const idle = queue();
    idle.checkPendingRequests(); // what every answered request calls
    expect(idle.throttleCheckTimeoutId).toBeNull();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('re-checks waiting requests after kafkajs’ 10 ms interval', () => {
    const waiting = queue();
    const check = jest.spyOn(waiting, 'checkPendingRequests').mockImplementation(() => undefined);
    waiting.pending.push({});
    waiting.scheduleCheckPendingRequests();
    jest.advanceTimersByTime(9);
    expect(check).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(check).toHaveBeenCalledTimes(1);
  });

  it('checks again when a throttle ends, even with nothing waiting yet', () => {
    const throttled = queue();
    const check = jest.spyOn(throttled, 'checkPendingRequests').mockImplementation(() => undefined);
    throttled.throttledUntil = Date.now() + 250;
    throttled.scheduleCheckPendingRequests();
    jest.advanceTimersByTime(249);
    expect(check).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(check).toHaveBeenCalledTimes(1);
  });

  it('keeps one timer however often it is asked', () => {
    const waiting = queue();
    waiting.pending.push({});
    waiting.scheduleCheckPendingRequests();
    waiting.scheduleCheckPendingRequests();
    expect(jest.getTimerCount()).toBe(1);
  });
});
