import { ApiError } from '../../http';
import { consistencyRequest } from './consistency-request';

const bounds = { defaultWaitMs: 5_000, maxWaitMs: 30_000 };

function failure(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

describe('consistencyRequest', () => {
  it('asks for nothing when the read names no position', () => {
    expect(consistencyRequest({}, {}, bounds)).toEqual({ positions: [], waitMs: 5_000 });
  });

  it('waits for the positions of both the query and the header', () => {
    const request = consistencyRequest(
      { minPosition: 'f:1:10', maxWaitMs: 700 },
      { 'x-collect-min-position': 'r:2:20' },
      bounds,
    );
    expect(request).toEqual({
      positions: [
        { topic: 'f', partition: 1, offset: '10' },
        { topic: 'r', partition: 2, offset: '20' },
      ],
      waitMs: 700,
    });
  });

  it('takes the wait from the header when the query does not say', () => {
    expect(consistencyRequest({}, { 'x-collect-max-wait-ms': '250' }, bounds).waitMs).toBe(250);
  });

  it('answers 422 for a malformed minPosition query parameter', () => {
    const error = failure(() => consistencyRequest({ minPosition: 'f:x:1' }, {}, bounds));
    expect(error.status).toBe(422);
    expect(error.errors).toEqual([expect.objectContaining({ path: '/minPosition' })]);
  });

  it('answers 400 for a malformed header', () => {
    expect(
      failure(() => consistencyRequest({}, { 'x-collect-min-position': 'nope' }, bounds)).status,
    ).toBe(400);
    expect(
      failure(() => consistencyRequest({}, { 'x-collect-max-wait-ms': '1s' }, bounds)).status,
    ).toBe(400);
  });

  it('answers 422 for a wait beyond the bound rather than waiting that long', () => {
    const error = failure(() => consistencyRequest({ maxWaitMs: 30_001 }, {}, bounds));
    expect(error.status).toBe(422);
    expect(error.errors).toEqual([expect.objectContaining({ path: '/maxWaitMs' })]);
  });
});
