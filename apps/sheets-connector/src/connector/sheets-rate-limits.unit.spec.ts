import { bucket, sheetsRateLimits } from './sheets-rate-limits';

describe('Sheets write budgets as token buckets', () => {
  it.each([2, 10, 30, 60, 100, 300])(
    'never lets a rolling minute exceed %i writes, and sustains as many as it can',
    (perMinute) => {
      const { capacity, refillPerSecond } = bucket('b', perMinute);
      const mostInAMinute = capacity + refillPerSecond * 60;
      expect(mostInAMinute).toBeLessThanOrEqual(perMinute + 1e-9);
      if (perMinute >= 30) expect((refillPerSecond * 60) / perMinute).toBeGreaterThanOrEqual(0.95);
    },
  );

  it('at the default 60 writes/min: bursts of 2, 58 writes/min sustained', () => {
    expect(bucket('b', 60)).toMatchObject({ capacity: 2, refillPerSecond: 58 / 60, per: 'call' });
  });

  it('draws from the spreadsheet, the service account and the project', () => {
    const limits = sheetsRateLimits('sheet-1', {
      perSpreadsheetPerMinute: 60,
      perUserPerMinute: 60,
      perProjectPerMinute: 300,
      credential: '/keys/sa.json',
    });
    expect(limits.map((limit) => limit.bucket.split(':')[0])).toEqual([
      'spreadsheet',
      'user',
      'project',
    ]);
    expect(limits[0]!.bucket).toBe('spreadsheet:sheet-1');
  });
});
