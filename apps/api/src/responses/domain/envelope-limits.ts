export const envelopeLimits = {
  maxHiddenFields: 50,
  hiddenFieldKeyPattern: /^[A-Za-z0-9_.-]{1,64}$/,
  hiddenFieldValueMaxLength: 1000,
  localeMaxLength: 35,
  sourceMaxLength: 64,
  defaultSource: 'api',
  /** Client clocks drift; a little future is tolerated, more is a wrong clock or a forgery. */
  maxClockSkewMs: 5 * 60 * 1000,
  earliestSubmittedAt: Date.UTC(2000, 0, 1),
} as const;
