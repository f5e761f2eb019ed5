import type { Answer, AnswerValue, Question, ResponseSubmitted } from '@collect/events';
import { randomUUID } from 'node:crypto';
import type { LoadForm } from './load-form';
import type { Random } from './random';

const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Ken', 'Margaret', 'Linus'];
const WORDS =
  'the quick brown fox jumps over a lazy dog while seven bold wizards quietly vex'.split(' ');
const SOURCES = ['web', 'web', 'web', 'ios', 'android', 'field-app', 'import'];
const LOCALES = ['en-GB', 'en-US', 'fr-FR', 'de-DE', null];
const CAMPAIGNS = ['spring', 'summer', 'newsletter', 'partner'];

/**
 * A ResponseSubmitted to `form` answering 5–10 of its questions (the required ones always) with
 * values of each question's type, as the API accepts them.
 */
export function loadResponse(
  random: Random,
  form: LoadForm,
  submittedAt: number,
): ResponseSubmitted {
  const required = form.questions.filter((question) => question.required);
  const optional = form.questions.filter((question) => !question.required);
  const count = random.int(Math.max(5, required.length), Math.min(10, form.questions.length));
  const chosen = new Set([...required, ...random.sample(optional, count - required.length)]);
  const answers: Answer[] = form.questions
    .filter((question) => chosen.has(question))
    .map((question) => ({ questionId: question.questionId, value: answerFor(random, question) }));
  return {
    type: 'ResponseSubmitted',
    eventId: randomUUID(),
    occurredAt: submittedAt + random.int(0, 50),
    orgId: form.orgId,
    responseId: randomUUID(),
    aggregateVersion: 1,
    formId: form.formId,
    formVersion: form.version,
    submittedAt,
    answers,
    metadata: {
      source: random.pick(SOURCES),
      hiddenFields: random.chance(0.5)
        ? { campaign: random.pick(CAMPAIGNS), device: `d-${random.int(1, 9_999)}` }
        : {},
      locale: random.pick(LOCALES),
    },
    idempotencyKey: random.chance(0.3) ? `idem-${randomUUID()}` : null,
  };
}

function answerFor(random: Random, question: Question): AnswerValue {
  const options = question.constraints.options?.map((option) => option.optionId) ?? [];
  switch (question.type) {
    case 'short_text':
      return `${random.pick(FIRST_NAMES)} ${random.int(1, 99_999)}`;
    case 'long_text':
      return Array.from({ length: random.int(5, 40) }, () => random.pick(WORDS)).join(' ');
    case 'email':
      return `${random.pick(FIRST_NAMES).toLowerCase()}.${random.int(1, 99_999)}@example.org`;
    case 'phone':
      return `+4479${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
    case 'number':
      return Math.round(random.next() * 200_000_00) / 100;
    case 'rating':
      return random.int(question.constraints.min ?? 1, question.constraints.max ?? 5);
    case 'boolean':
      return random.chance(0.5);
    case 'date':
      return `${random.int(1930, 2010)}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`;
    case 'single_choice':
      return random.pick(options);
    case 'multiple_choice':
      return random.sample(options, random.int(1, 3));
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
