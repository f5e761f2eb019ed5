import { formLimits } from './form-limits';

/**
 * Constructs outside RE2 (which the contract promises) and the usual catastrophic-backtracking
 * shape: a quantified group that itself contains a quantifier, like `(a+)+` or `(\w*)*`.
 */
const unsupportedConstructs: readonly { readonly test: RegExp; readonly reason: string }[] = [
  { test: /\\[1-9]|\\k</, reason: 'backreferences are not supported' },
  { test: /\(\?<?[=!]/, reason: 'lookahead and lookbehind are not supported' },
  {
    test: /\((?:[^()\\]|\\.)*(?:[+*]|\{\d+,\d*\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\d*\})/,
    reason: 'a repeated group must not contain another repetition (it can take exponential time)',
  },
];

/** How an answer pattern is matched: against the whole value, with Unicode semantics. */
export const compileAnswerPattern = (pattern: string): RegExp =>
  new RegExp(`^(?:${pattern})$`, 'u');

/** Why `pattern` cannot be used for answers, or null when it can. */
export const answerPatternProblem = (pattern: string): string | null => {
  if (pattern.length === 0) return 'the pattern is empty; use null for no pattern';
  if (pattern.length > formLimits.patternMaxLength) {
    return `the pattern has ${pattern.length} characters; keep it to at most ${formLimits.patternMaxLength}`;
  }
  const unsupported = unsupportedConstructs.find(({ test }) => test.test(pattern));
  if (unsupported) return unsupported.reason;
  try {
    compileAnswerPattern(pattern);
    return null;
  } catch (error) {
    return `the pattern does not compile as a Unicode regular expression (${(error as Error).message})`;
  }
};
