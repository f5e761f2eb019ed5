import {
  type BusinessRule,
  type FormEvent,
  type Question,
  type QuestionConstraints,
  type QuestionType,
  noConstraints,
} from '@collect/events';
import { decide } from './decide-form';
import { foldForm } from './evolve-form';
import type { DecideContext, FormCommand } from './form-commands';
import { FormError, type FormErrorCode, type FormErrorDetails } from './form-error';

/** Test support for the form decider: fixtures and a given/when/then runner. Not a spec. */

export const formId = 'form-1';
export const orgId = 'org-1';
export const now = 1_750_000_000_000;

export const context = (overrides: Partial<DecideContext> = {}): DecideContext => {
  let sequence = 0;
  return { now, orgId, newEventId: () => `event-${++sequence}`, ...overrides };
};

export { noConstraints };

export const question = (
  questionId: string,
  type: QuestionType = 'short_text',
  constraints: Partial<QuestionConstraints> = {},
  extra: Partial<Question> = {},
): Question => ({
  questionId,
  type,
  title: `Question ${questionId}`,
  description: null,
  required: false,
  constraints: { ...noConstraints, ...constraints },
  ...extra,
});

export const rule = (
  ruleId: string,
  expression: string,
  questionIds: readonly string[],
  message = 'Fix it',
): BusinessRule => ({
  ruleId,
  expression,
  message,
  questionIds,
});

type Body = { readonly type: FormEvent['type'] } & Record<string, unknown>;

/** Builds the stream of one form: each event gets the next version and a distinct id. */
export const history = (...bodies: readonly Body[]): readonly FormEvent[] =>
  bodies.map((body, index) => event(body, index + 1, `past-${index + 1}`));

export const event = (body: Body, aggregateVersion: number, eventId = 'event-1'): FormEvent =>
  ({ eventId, occurredAt: now, orgId, formId, aggregateVersion, ...body }) as FormEvent;

export const created: Body = { type: 'FormCreated', title: 'Survey', description: null };
export const added = (q: Question, position = 0): Body => ({
  type: 'QuestionAdded',
  question: q,
  position,
});

export interface ExpectedError {
  readonly code: FormErrorCode;
  readonly details?: FormErrorDetails;
}

export const given = (events: readonly FormEvent[], decideContext: DecideContext = context()) => ({
  when: (command: FormCommand) => ({
    then: (expected: readonly FormEvent[] | ExpectedError): void => {
      const state = foldForm(events);
      if (Array.isArray(expected)) {
        expect(decide(command, state, decideContext)).toEqual(expected);
        return;
      }
      const { code, details } = expected as ExpectedError;
      let thrown: unknown;
      try {
        decide(command, state, decideContext);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(FormError);
      const error = thrown as FormError;
      expect({ code: error.code, retriable: error.retriable }).toEqual({ code, retriable: false });
      if (details) expect(error.details).toMatchObject(details);
    },
  }),
});
