const DASH = 0x2d;
const ZERO = 0x30;

/** True for `YYYY-MM-DD` strings naming a real day of the proleptic Gregorian calendar. */
export const isCalendarDate = (value: string): boolean => {
  if (value.length !== 10 || value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH) {
    return false;
  }
  const year = decimal(value, 0, 4);
  const month = decimal(value, 5, 7);
  const day = decimal(value, 8, 10);
  // decimal() is -1 for a non-digit; arithmetic instead of a Date: this runs for every date answer.
  return year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
};

/** The ASCII digits value[start, end) as a number, or -1 if any is not a digit. */
function decimal(value: string, start: number, end: number): number {
  let number = 0;
  for (let index = start; index < end; index++) {
    const digit = value.charCodeAt(index) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    number = number * 10 + digit;
  }
  return number;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
