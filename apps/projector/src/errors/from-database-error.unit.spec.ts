import { fromDatabaseError } from './from-database-error';
import { ProjectorError } from './projector-error';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('fromDatabaseError', () => {
  it.each([
    ['connection refused', pgError('ECONNREFUSED')],
    ['admin shutdown (57P01)', pgError('57P01')],
    ['cannot connect now (57P03)', pgError('57P03')],
    ['statement timeout (57014)', pgError('57014')],
    ['connection failure (08006)', pgError('08006')],
    ['too many connections (53300)', pgError('53300')],
    ['deadlock (40P01)', pgError('40P01')],
    ['serialization failure (40001)', pgError('40001')],
    ['a dropped socket', new Error('Connection terminated unexpectedly')],
    ['a pool connect timeout', new Error('timeout exceeded when trying to connect')],
  ])('retries %s', (_, error) => {
    expect(fromDatabaseError(error, 'applying')).toMatchObject({
      code: 'database_unavailable',
      retriable: true,
      cause: error,
    });
  });

  it.each([
    ['a unique violation (23505)', pgError('23505')],
    ['an undefined column (42703)', pgError('42703')],
    ['a bug in our code', new TypeError('x is undefined')],
  ])('does not retry %s', (_, error) => {
    expect(fromDatabaseError(error, 'applying')).toMatchObject({
      code: 'database_rejected',
      retriable: false,
    });
  });

  it('passes the projector’s own errors through', () => {
    const own = new ProjectorError('dead_letter_unavailable', true, 'down');
    expect(fromDatabaseError(own, 'applying')).toBe(own);
  });
});
