import { FreshCall } from './fresh-call';

describe('FreshCall', () => {
  it('never answers a caller with a call that started before it asked, and shares the next one', async () => {
    const started: ((value: number) => void)[] = [];
    const fresh = new FreshCall(() => new Promise<number>((resolve) => started.push(resolve)));
    const first = fresh.get();
    const second = fresh.get();
    const third = fresh.get();
    expect(started).toHaveLength(1);
    started[0]!(1);
    await expect(first).resolves.toBe(1);
    await Promise.resolve();
    await Promise.resolve();
    expect(started).toHaveLength(2);
    started[1]!(2);
    await expect(second).resolves.toBe(2);
    await expect(third).resolves.toBe(2);
  });

  it('starts the queued call even when the one before it failed', async () => {
    let calls = 0;
    const fresh = new FreshCall(() =>
      ++calls === 1 ? Promise.reject(new Error('down')) : Promise.resolve(calls),
    );
    const first = fresh.get();
    const second = fresh.get();
    await expect(first).rejects.toThrow('down');
    await expect(second).resolves.toBe(2);
  });
});
