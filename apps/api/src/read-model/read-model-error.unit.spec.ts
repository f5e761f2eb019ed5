import { ApiError } from '../http';
import { readModelError } from './read-model-error';

const pgError = (code: string, message = 'pg') => Object.assign(new Error(message), { code });

describe('readModelError: Postgres failures on the read side', () => {
  it.each([
    ['a read model not built yet (undefined table)', pgError('42P01')],
    ['a missing read_model schema', pgError('3F000')],
    ['a statement timeout', pgError('57014')],
    ['Postgres shutting down', pgError('57P01')],
    ['a dropped connection', pgError('08006')],
    ['too many connections', pgError('53300')],
    ['a refused socket', pgError('ECONNREFUSED')],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
  ])('answer 503 read-model-unavailable with Retry-After for %s', (_what, error) => {
    const converted = readModelError(error);
    expect(converted).toBeInstanceOf(ApiError);
    expect(converted).toMatchObject({
      status: 503,
      code: 'read-model-unavailable',
      retriable: true,
    });
    expect((converted as ApiError).retryAfterSeconds).toBeGreaterThan(0);
  });

  it('leave a bug (a syntax error) as it is, to answer 500 and be logged', () => {
    const bug = pgError('42601', 'syntax error at or near');
    expect(readModelError(bug)).toBe(bug);
  });
});
