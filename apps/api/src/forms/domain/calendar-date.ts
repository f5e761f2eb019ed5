const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for `YYYY-MM-DD` strings naming a real day of the proleptic Gregorian calendar. */
export const isCalendarDate = (value: string): boolean => {
  const match = isoDatePattern.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC maps years 0..99 to 1900..1999; setUTCFullYear undoes that.
  date.setUTCFullYear(year);
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
};
