import { StatementBatcher } from './statement-batcher';

/** A statement runner whose statements finish when the test says so. */
function controlledRunner() {
  const statements: { items: readonly string[]; finish(): void; fail(error: Error): void }[] = [];
  const run = (items: readonly string[]) =>
    new Promise<string[]>((resolve, reject) => {
      statements.push({
        items,
        finish: () => resolve(items.map((item) => `done:${item}`)),
        fail: reject,
      });
    });
  return { statements, run };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('StatementBatcher', () => {
  it('runs a lone call at once, and gathers the calls made meanwhile into the next statement', async () => {
    const { statements, run } = controlledRunner();
    const batcher = new StatementBatcher(run, { maxInFlight: 1 });
    const first = batcher.submit('a');
    expect(statements.map((s) => s.items)).toEqual([['a']]);
    const rest = ['b', 'c', 'd'].map((item) => batcher.submit(item));
    expect(statements).toHaveLength(1);
    statements[0]!.finish();
    await expect(first).resolves.toBe('done:a');
    await flush();
    expect(statements.map((s) => s.items)).toEqual([['a'], ['b', 'c', 'd']]);
    statements[1]!.finish();
    await expect(Promise.all(rest)).resolves.toEqual(['done:b', 'done:c', 'done:d']);
  });

  it('never puts two items with the same key in one statement, and bounds its size', async () => {
    const { statements, run } = controlledRunner();
    const batcher = new StatementBatcher(run, {
      maxInFlight: 1,
      maxItems: 3,
      keyOf: (item) => item.slice(0, 1),
    });
    void batcher.submit('x0');
    for (const item of ['a1', 'a2', 'b1', 'c1', 'd1']) void batcher.submit(item);
    statements[0]!.finish();
    await flush();
    statements[1]!.finish();
    await flush();
    expect(statements.map((s) => s.items)).toEqual([['x0'], ['a1', 'b1', 'c1'], ['a2', 'd1']]);
  });

  it('rejects every call of a failed statement, and only those', async () => {
    const { statements, run } = controlledRunner();
    const batcher = new StatementBatcher(run, { maxInFlight: 2 });
    const failing = batcher.submit('a');
    const fine = batcher.submit('b');
    statements[0]!.fail(new Error('connection lost'));
    statements[1]!.finish();
    await expect(failing).rejects.toThrow('connection lost');
    await expect(fine).resolves.toBe('done:b');
  });
});
