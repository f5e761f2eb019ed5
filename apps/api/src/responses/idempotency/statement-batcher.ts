export interface StatementBatcherOptions<I> {
  /** Statements running at once; calls made meanwhile gather for the next one. */
  readonly maxInFlight?: number;
  /** Most items one statement carries. */
  readonly maxItems?: number;
  /**
   * Items with the same key never share a statement (an INSERT … ON CONFLICT DO UPDATE cannot touch
   * one row twice); a second one waits for the next statement.
   */
  readonly keyOf?: (item: I) => string;
}

interface Waiting<I, O> {
  readonly item: I;
  resolve(result: O): void;
  reject(error: unknown): void;
}

/**
 * Group commit for concurrent requests' small statements: a call made while `maxInFlight`
 * statements run waits, and leaves with every call that arrived meanwhile as one statement. No
 * timer: a lone call goes at once, so an idle API pays no latency, a busy one one round trip per
 * batch instead of per request. `run` gets the items and returns one result per item, in order;
 * if it throws, every call of that statement rejects with the error.
 */
export class StatementBatcher<I, O> {
  private readonly maxInFlight: number;
  private readonly maxItems: number;
  private queue: Waiting<I, O>[] = [];
  private inFlight = 0;

  constructor(
    private readonly run: (items: readonly I[]) => Promise<readonly O[]>,
    private readonly options: StatementBatcherOptions<I> = {},
  ) {
    this.maxInFlight = options.maxInFlight ?? 2;
    this.maxItems = options.maxItems ?? 500;
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.takeBatch();
      this.inFlight += 1;
      void this.execute(batch).finally(() => {
        this.inFlight -= 1;
        this.dispatch();
      });
    }
  }

  private takeBatch(): Waiting<I, O>[] {
    const keyOf = this.options.keyOf;
    if (!keyOf) {
      const batch = this.queue.slice(0, this.maxItems);
      this.queue = this.queue.slice(batch.length);
      return batch;
    }
    const batch: Waiting<I, O>[] = [];
    const later: Waiting<I, O>[] = [];
    const keys = new Set<string>();
    for (const waiting of this.queue) {
      const key = keyOf(waiting.item);
      if (batch.length >= this.maxItems || keys.has(key)) {
        later.push(waiting);
      } else {
        keys.add(key);
        batch.push(waiting);
      }
    }
    this.queue = later;
    return batch;
  }

  private async execute(batch: readonly Waiting<I, O>[]): Promise<void> {
    try {
      const results = await this.run(batch.map(({ item }) => item));
      if (results.length !== batch.length) {
        throw new Error(
          `a batched statement returned ${results.length} results for ${batch.length} items`,
        );
      }
      batch.forEach((waiting, index) => waiting.resolve(results[index]!));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }
}
