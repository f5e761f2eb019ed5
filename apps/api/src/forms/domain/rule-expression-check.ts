import { Environment } from '@marcbachmann/cel-js';
import type { Question, QuestionType } from '@collect/events';

/**
 * The CEL type each answer has when rules are evaluated. Numbers are JSON numbers and so CEL
 * doubles: `answers.savings <= answers.income` works, `answers.rating == 5` must be written `5.0`.
 */
const celTypeOf: Readonly<Record<QuestionType, string>> = {
  short_text: 'string',
  long_text: 'string',
  email: 'string',
  phone: 'string',
  single_choice: 'string',
  date: 'string',
  number: 'double',
  rating: 'double',
  boolean: 'bool',
  multiple_choice: 'list<string>',
};

const limits = { maxAstNodes: 1000, maxDepth: 32, maxListElements: 200, maxCallArguments: 8 };

/** Type-checks rule expressions against the current questions: `answers` is the only variable. */
export const createRuleExpressionChecker = (questions: readonly Question[]) => {
  const schema = Object.fromEntries(
    questions.map((question) => [question.questionId, celTypeOf[question.type]]),
  );
  const environment = new Environment({ limits }).registerVariable({ name: 'answers', schema });

  /** Why the expression cannot be a rule, or null when it type-checks to a bool. */
  return (expression: string): string | null => {
    const result = environment.check(expression);
    if (!result.valid) {
      const reason = (result.error?.message ?? 'unknown error').split('\n')[0] ?? '';
      const hint = /double .* int|int .* double/.test(reason)
        ? ' (answers to number and rating questions are doubles: write 5.0, not 5)'
        : '';
      return `${reason}${hint}`;
    }
    return result.type === 'bool'
      ? null
      : `the expression yields ${result.type}; a rule must yield true or false`;
  };
};
