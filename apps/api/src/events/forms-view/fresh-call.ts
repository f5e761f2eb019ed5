/**
 * Shares one call among concurrent callers without ever handing a caller a result that was
 * requested before it asked: a caller arriving while a call is in flight waits for the next one,
 * which every such caller shares. At most two calls are in flight, however many callers.
 */
export class FreshCall<T> {
  private inFlight: Promise<T> | undefined;
  private queued: Promise<T> | undefined;

  constructor(private readonly call: () => Promise<T>) {}

  get(): Promise<T> {
    if (!this.inFlight) return this.start();
    if (!this.queued) {
      const previous = this.inFlight;
      this.queued = previous
        .catch(() => undefined)
        .then(() => {
          this.queued = undefined;
          return this.start();
        });
    }
    return this.queued;
  }

  private start(): Promise<T> {
    const promise = this.call();
    this.inFlight = promise;
    const clear = (): void => {
      if (this.inFlight === promise) this.inFlight = undefined;
    };
    promise.then(clear, clear);
    return promise;
  }
}
