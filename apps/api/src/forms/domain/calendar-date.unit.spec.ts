import { isCalendarDate } from './calendar-date';

/** What the calendar says, through Date: the definition the arithmetic must match. */
function byDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

const pad = (number: number, width: number): string => String(number).padStart(width, '0');

describe('isCalendarDate', () => {
  it('agrees with the calendar on every day number 0..32 of months 0..13 around leap-year rules', () => {
    let checked = 0;
    for (const year of [0, 1, 4, 100, 400, 1900, 1999, 2000, 2023, 2024, 2100, 9999]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const value = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          expect([value, isCalendarDate(value)]).toEqual([value, byDate(value)]);
          checked++;
        }
      }
    }
    expect(checked).toBe(12 * 14 * 33);
  });

  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['1900-02-29', false],
    ['2000-02-29', true],
    ['2024-04-31', false],
    ['2024-1-05', false],
    ['2024-01-5', false],
    ['2024/01/05', false],
    ['2024-01-05T00:00:00Z', false],
    [' 2024-01-05', false],
    ['2024-0a-05', false],
    ['２０２４-01-05', false],
    ['', false],
  ])('%s is %s', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
    expect(byDate(value)).toBe(expected);
  });
});
