import type { Answer, AnswerValue, FormDefinition } from '@collect/events';
import type { AnswerError } from './answer-error';
import { answerChecks, isUnanswered } from './answer-checks';
import { type CompiledDefinition, type RuleEngine, ruleContext } from './rule-engine';
import { readSubmittedAnswers, type SubmittedAnswer } from './submitted-answers';

export type AnswersValidation =
  | { readonly ok: true; readonly answers: readonly Answer[] }
  | { readonly ok: false; readonly errors: readonly AnswerError[] };

/** Errors keyed by question: the first problem found for a question is the one reported. */
class ErrorsByQuestion {
  private readonly byQuestion = new Map<string, AnswerError>();
  private readonly general: AnswerError[] = [];

  add(error: AnswerError): void {
    if (error.questionId === null) this.general.push(error);
    else if (!this.byQuestion.has(error.questionId)) this.byQuestion.set(error.questionId, error);
  }

  has(questionId: string): boolean {
    return this.byQuestion.has(questionId);
  }

  all(): readonly AnswerError[] {
    return [...this.general, ...this.byQuestion.values()];
  }
}

const checkEachAnswer = (
  compiled: CompiledDefinition,
  submitted: readonly SubmittedAnswer[],
  errors: ErrorsByQuestion,
): Map<string, AnswerValue> => {
  const valid = new Map<string, AnswerValue>();
  const seen = new Set<string>();
  for (const { questionId, value } of submitted) {
    const question = compiled.questions.get(questionId);
    if (!question) {
      errors.add({
        questionId,
        code: 'unknown_question',
        message: `The form has no question "${questionId}"; remove this answer.`,
      });
    } else if (seen.has(questionId)) {
      errors.add({
        questionId,
        code: 'duplicate_answer',
        message: 'Answer this question only once.',
      });
      valid.delete(questionId);
    } else if (!isUnanswered(value)) {
      const result = answerChecks[question.type](
        question,
        value,
        compiled.patterns.get(questionId) ?? null,
      );
      if (result.ok) valid.set(questionId, result.value);
      else errors.add({ questionId, code: result.code, message: result.message });
    }
    seen.add(questionId);
  }
  return valid;
};

const checkRequired = (
  compiled: CompiledDefinition,
  answered: ReadonlyMap<string, AnswerValue>,
  errors: ErrorsByQuestion,
): void => {
  for (const question of compiled.questions.values()) {
    if (question.required && !answered.has(question.questionId)) {
      errors.add({
        questionId: question.questionId,
        code: 'required',
        message: 'Answer this question; it is required.',
      });
    }
  }
};

const checkRules = (
  compiled: CompiledDefinition,
  answered: ReadonlyMap<string, AnswerValue>,
  errors: ErrorsByQuestion,
): void => {
  if (compiled.rules.length === 0) return;
  const context = ruleContext(answered);
  for (const { rule, evaluate } of compiled.rules) {
    if (evaluate(context) !== 'violated') continue;
    const questionIds = rule.questionIds.length > 0 ? rule.questionIds : [null];
    for (const questionId of questionIds)
      errors.add({ questionId, code: 'rule_violated', message: rule.message });
  }
};

/**
 * Validates a submission — typed `Answer[]` or raw request input — against a published definition. Reports one error per offending
 * question (type and constraint checks first, then required, then business rules); on success
 * returns the normalised answers in the definition's question order, unanswered ones left out.
 */
export const validateAnswers = (
  definition: FormDefinition,
  input: unknown,
  ruleEngine: RuleEngine,
): AnswersValidation => {
  const submitted = readSubmittedAnswers(input);
  if (!submitted.ok) return submitted;
  const compiled = ruleEngine.compile(definition);
  const errors = new ErrorsByQuestion();
  submitted.errors.forEach((error) => errors.add(error));
  const answered = checkEachAnswer(compiled, submitted.answers, errors);
  checkRequired(compiled, answered, errors);
  // Rules see only answers that passed their own checks; a rule over a failed answer is skipped.
  checkRules(compiled, answered, errors);
  const all = errors.all();
  if (all.length > 0) return { ok: false, errors: all };
  const answers: Answer[] = [];
  for (const { questionId } of definition.questions) {
    const value = answered.get(questionId);
    if (value !== undefined) answers.push({ questionId, value });
  }
  return { ok: true, answers };
};
