import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { accept, reject, type AnswerCheck } from './answer-check';

const maxPhoneInputLength = 40;

/** Accepts international numbers only (no default country) and normalises them to E.164. */
export const checkPhoneAnswer: AnswerCheck = (_question, value) => {
  const phone =
    typeof value === 'string' && value.length <= maxPhoneInputLength
      ? parsePhoneNumberFromString(value.trim())
      : undefined;
  if (!phone?.isValid()) {
    return reject(
      'invalid_phone',
      'Enter a phone number in international format, starting with + and the country code, e.g. +14155552671.',
    );
  }
  return accept(phone.number);
};
