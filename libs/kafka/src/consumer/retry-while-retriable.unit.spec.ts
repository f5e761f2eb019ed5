import { backoffDelayMs } from './backoff';
import { retriableFlag, retryWhileRetriable } from './retry-while-retriable';

const passing = Object.assign(new Error('Postgres is down'), { retriable: true });
const bug = Object.assign(new Error('column does not exist'), { retriable: false });

describe('backoffDelayMs', () => {
  const policy = { initialMs: 100, maxMs: 1_000 };

  it('doubles per attempt within the upper half of each step, and stops growing at the cap', () => {
    expect([0, 1, 2, 3, 4, 10].map((attempt) => backoffDelayMs(policy, attempt, () => 0))).toEqual([
      50, 100, 200, 400, 500, 500,
    ]);
    expect([0, 1, 2, 3, 4, 10].map((attempt) => backoffDelayMs(policy, attempt, () => 1))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
  });
});

describe('retryWhileRetriable', () => {
  const options = (wait: (ms: number) => Promise<boolean> = () => Promise.resolve(true)) => ({
    backoff: { initialMs: 1, maxMs: 10 },
    isRetriable: retriableFlag,
    wait,
  });

  it('retries the same operation after retriable failures until it succeeds', async () => {
    let calls = 0;
    const outcome = await retryWhileRetriable(() => {
      calls++;
      return calls < 4 ? Promise.reject(passing) : Promise.resolve('applied');
    }, options());
    expect(outcome).toEqual({ status: 'done', value: 'applied' });
    expect(calls).toBe(4);
  });

  it('never retries a programmer error', async () => {
    let calls = 0;
    await expect(
      retryWhileRetriable(() => {
        calls++;
        return Promise.reject(bug);
      }, options()),
    ).rejects.toBe(bug);
    expect(calls).toBe(1);
  });

  it('gives up without succeeding when the wait says so (stopping, rebalance)', async () => {
    const outcome = await retryWhileRetriable(
      () => Promise.reject(passing),
      options(() => Promise.resolve(false)),
    );
    expect(outcome).toEqual({ status: 'abandoned', lastError: passing });
  });

  it('classifies by the error’s own retriable flag', () => {
    expect([passing, bug, new Error('plain'), 'text', null].map(retriableFlag)).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});
