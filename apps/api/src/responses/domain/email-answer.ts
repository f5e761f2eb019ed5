import { accept, reject, type AnswerCheck } from './answer-check';

const maxEmailLength = 254;
const maxLocalPartLength = 64;
const localPartPattern = /^[^\s@"(),:;<>[\\\]]+$/u;
const domainLabelPattern = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const topLevelPattern = /^[a-z]{2,63}$|^xn--[a-z0-9-]{1,59}$/;

/** Deliberately loose: one @, a plausible local part, a dotted domain. Delivery is the real test. */
export const normaliseEmail = (input: string): string | null => {
  const email = input.trim();
  const at = email.indexOf('@');
  if (email.length > maxEmailLength || at <= 0 || at !== email.lastIndexOf('@')) return null;
  const localPart = email.slice(0, at);
  const domain = email.slice(at + 1).toLowerCase();
  const labels = domain.split('.');
  const topLevel = labels.at(-1) ?? '';
  if (localPart.length > maxLocalPartLength || !localPartPattern.test(localPart)) return null;
  if (
    labels.length < 2 ||
    !labels.every((label) => domainLabelPattern.test(label)) ||
    !topLevelPattern.test(topLevel)
  )
    return null;
  return `${localPart}@${domain}`;
};

export const checkEmailAnswer: AnswerCheck = (_question, value) => {
  const email = typeof value === 'string' ? normaliseEmail(value) : null;
  return email === null
    ? reject('invalid_email', 'Enter an email address like name@example.com.')
    : accept(email);
};
