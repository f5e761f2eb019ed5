import type { ResponseMetadata } from '@collect/events';
import { envelopeLimits as limits } from './envelope-limits';

/** The parts of a submission around the answers, as a client sent them. */
export interface SubmittedEnvelope {
  readonly hiddenFields?: unknown;
  readonly locale?: unknown;
  readonly source?: unknown;
  /** Epoch milliseconds or an ISO 8601 timestamp with offset; absent means "now". */
  readonly submittedAt?: unknown;
}

export interface EnvelopeError {
  readonly field: string;
  readonly code:
    'invalid_hidden_fields' | 'invalid_locale' | 'invalid_source' | 'invalid_submitted_at';
  readonly message: string;
}

export type EnvelopeValidation =
  | { readonly ok: true; readonly metadata: ResponseMetadata; readonly submittedAt: number }
  | { readonly ok: false; readonly errors: readonly EnvelopeError[] };

type Read<T> = { readonly value: T } | { readonly error: EnvelopeError };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const readHiddenFields = (input: unknown): Read<Readonly<Record<string, string>>> => {
  if (input === undefined || input === null) return { value: {} };
  const error = (message: string): Read<never> => ({
    error: { field: 'hiddenFields', code: 'invalid_hidden_fields', message },
  });
  if (!isRecord(input)) return error('Send hiddenFields as an object of string values.');
  const entries = Object.entries(input);
  if (entries.length > limits.maxHiddenFields)
    return error(
      `Send at most ${limits.maxHiddenFields} hidden fields (this has ${entries.length}).`,
    );
  for (const [key, value] of entries) {
    if (!limits.hiddenFieldKeyPattern.test(key))
      return error(
        `Rename hidden field "${key.slice(0, 64)}": use 1 to 64 letters, digits, "_", "." or "-".`,
      );
    if (typeof value !== 'string') return error(`Send hidden field "${key}" as a string.`);
    if (value.length > limits.hiddenFieldValueMaxLength)
      return error(
        `Shorten hidden field "${key}" to at most ${limits.hiddenFieldValueMaxLength} characters.`,
      );
  }
  return { value: Object.fromEntries(entries) as Record<string, string> };
};

const bcp47Shape = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/;

// Intl.getCanonicalLocales is slow next to the rest of a submission, and clients send few distinct tags.
const canonicalLocales = new Map<string, string>();
const maxCachedLocales = 1_000;

const readLocale = (input: unknown): Read<string | null> => {
  if (input === undefined || input === null) return { value: null };
  const error: Read<never> = {
    error: {
      field: 'locale',
      code: 'invalid_locale',
      message: 'Send locale as a BCP 47 tag of at most 35 characters, like en-US.',
    },
  };
  if (typeof input !== 'string' || input.length > limits.localeMaxLength || !bcp47Shape.test(input))
    return error;
  const known = canonicalLocales.get(input);
  if (known !== undefined) return { value: known };
  try {
    const canonical = Intl.getCanonicalLocales(input)[0] ?? input;
    if (canonicalLocales.size < maxCachedLocales) canonicalLocales.set(input, canonical);
    return { value: canonical };
  } catch {
    return error;
  }
};

const sourcePattern = /^[A-Za-z0-9_.:-]+$/;

const readSource = (input: unknown): Read<string> => {
  if (input === undefined || input === null) return { value: limits.defaultSource };
  if (
    typeof input !== 'string' ||
    input.length === 0 ||
    input.length > limits.sourceMaxLength ||
    !sourcePattern.test(input)
  ) {
    const message = `Send source as 1 to ${limits.sourceMaxLength} letters, digits, "_", ".", ":" or "-", like web or ios.`;
    return { error: { field: 'source', code: 'invalid_source', message } };
  }
  return { value: input };
};

const isoTimestamp =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

const readSubmittedAt = (input: unknown, now: number): Read<number> => {
  if (input === undefined || input === null) return { value: now };
  const error = (message: string): Read<never> => ({
    error: { field: 'submittedAt', code: 'invalid_submitted_at', message },
  });
  const at =
    typeof input === 'number'
      ? input
      : typeof input === 'string' && isoTimestamp.test(input)
        ? Date.parse(input)
        : NaN;
  if (!Number.isSafeInteger(at))
    return error(
      'Send submittedAt as epoch milliseconds or an ISO 8601 timestamp with offset, like 2024-05-01T12:00:00Z.',
    );
  if (at < limits.earliestSubmittedAt) return error('Send a submittedAt on or after 2000-01-01.');
  if (at > now + limits.maxClockSkewMs)
    return error('submittedAt is in the future; check the device clock or leave submittedAt out.');
  return { value: at };
};

/** Validates and normalises hidden fields, locale, source and submittedAt, reporting every bad field. */
export const validateEnvelope = (envelope: SubmittedEnvelope, now: number): EnvelopeValidation => {
  const hiddenFields = readHiddenFields(envelope.hiddenFields);
  const locale = readLocale(envelope.locale);
  const source = readSource(envelope.source);
  const submittedAt = readSubmittedAt(envelope.submittedAt, now);
  if ('error' in hiddenFields || 'error' in locale || 'error' in source || 'error' in submittedAt) {
    const errors = [hiddenFields, locale, source, submittedAt].flatMap((read) =>
      'error' in read ? [read.error] : [],
    );
    return { ok: false, errors };
  }
  return {
    ok: true,
    metadata: { hiddenFields: hiddenFields.value, locale: locale.value, source: source.value },
    submittedAt: submittedAt.value,
  };
};
