import { foldForm } from './evolve-form';
import {
  added,
  created,
  event,
  formId,
  given,
  history,
  question,
  rule,
} from './form-decider.testing';

const threeQuestions = history(
  created,
  added(question('a')),
  added(question('b'), 1),
  added(question('c'), 2),
);
const ids = (events: Parameters<typeof foldForm>[0]) => {
  const state = foldForm(events);
  return 'questions' in state ? state.questions.map((q) => q.questionId) : [];
};

describe('AddQuestion', () => {
  it('adds the question last when no position is given', () => {
    given(threeQuestions)
      .when({ type: 'AddQuestion', formId, expectedVersion: 4, question: question('d') })
      .then([event({ type: 'QuestionAdded', question: question('d'), position: 3 }, 5)]);
  });

  it('inserts at the given position and shifts later questions down', () => {
    given(threeQuestions)
      .when({
        type: 'AddQuestion',
        formId,
        expectedVersion: 4,
        question: question('d'),
        position: 1,
      })
      .then([event({ type: 'QuestionAdded', question: question('d'), position: 1 }, 5)]);
    expect(
      ids([
        ...threeQuestions,
        event({ type: 'QuestionAdded', question: question('d'), position: 1 }, 5),
      ]),
    ).toEqual(['a', 'd', 'b', 'c']);
  });

  it.each([-1, 4, 1.5])('rejects position %p outside 0..question count', (position) => {
    given(threeQuestions)
      .when({ type: 'AddQuestion', formId, expectedVersion: 4, question: question('d'), position })
      .then({ code: 'invalid_question', details: { path: 'position' } });
  });

  it('rejects a question id the form already has', () => {
    given(threeQuestions)
      .when({ type: 'AddQuestion', formId, expectedVersion: 4, question: question('b', 'number') })
      .then({ code: 'question_exists', details: { questionId: 'b' } });
  });

  it('rejects a 201st question', () => {
    const full = history(
      created,
      ...Array.from({ length: 200 }, (_, i) => added(question(`q${i}`), i)),
    );
    given(full)
      .when({ type: 'AddQuestion', formId, expectedVersion: 201, question: question('extra') })
      .then({ code: 'invalid_question' });
  });

  it('stores trimmed titles and fills constraints that were left out with null', () => {
    const sent = {
      ...question('d'),
      title: '  Name  ',
      constraints: { maxLength: 20 },
    } as unknown as ReturnType<typeof question>;
    given(threeQuestions)
      .when({ type: 'AddQuestion', formId, expectedVersion: 4, question: sent })
      .then([
        event(
          {
            type: 'QuestionAdded',
            question: { ...question('d', 'short_text', { maxLength: 20 }), title: 'Name' },
            position: 3,
          },
          5,
        ),
      ]);
  });
});

describe('ChangeQuestion', () => {
  it('replaces the question in place', () => {
    const changed = question('b', 'number', { min: 0 });
    given(threeQuestions)
      .when({ type: 'ChangeQuestion', formId, expectedVersion: 4, question: changed })
      .then([event({ type: 'QuestionChanged', question: changed }, 5)]);
    const state = foldForm([
      ...threeQuestions,
      event({ type: 'QuestionChanged', question: changed }, 5),
    ]);
    expect('questions' in state && state.questions[1]).toEqual(changed);
  });

  it('rejects changing a question the form does not have', () => {
    given(threeQuestions)
      .when({ type: 'ChangeQuestion', formId, expectedVersion: 4, question: question('zzz') })
      .then({ code: 'question_not_found', details: { questionId: 'zzz' } });
  });

  it('rejects a change whose constraints do not fit the type', () => {
    given(threeQuestions)
      .when({
        type: 'ChangeQuestion',
        formId,
        expectedVersion: 4,
        question: question('b', 'number', { maxLength: 3 }),
      })
      .then({ code: 'invalid_question', details: { path: 'question.constraints.maxLength' } });
  });
});

describe('RemoveQuestion', () => {
  it('removes the question', () => {
    given(threeQuestions)
      .when({ type: 'RemoveQuestion', formId, expectedVersion: 4, questionId: 'b' })
      .then([event({ type: 'QuestionRemoved', questionId: 'b' }, 5)]);
    expect(
      ids([...threeQuestions, event({ type: 'QuestionRemoved', questionId: 'b' }, 5)]),
    ).toEqual(['a', 'c']);
  });

  it('rejects removing an unknown question as not found', () => {
    given(threeQuestions)
      .when({ type: 'RemoveQuestion', formId, expectedVersion: 4, questionId: 'nope' })
      .then({ code: 'question_not_found' });
  });

  it('rejects removing a question a rule refers to, so rules never name missing questions', () => {
    const withRule = [
      ...threeQuestions,
      event({ type: 'FormRulesChanged', rules: [rule('r1', 'answers.b != answers.c', ['c'])] }, 5),
    ];
    given(withRule)
      .when({ type: 'RemoveQuestion', formId, expectedVersion: 5, questionId: 'b' })
      .then({ code: 'question_in_use', details: { questionId: 'b' } });
    given(withRule)
      .when({ type: 'RemoveQuestion', formId, expectedVersion: 5, questionId: 'c' })
      .then({ code: 'question_in_use' });
    given(withRule)
      .when({ type: 'RemoveQuestion', formId, expectedVersion: 5, questionId: 'a' })
      .then([event({ type: 'QuestionRemoved', questionId: 'a' }, 6)]);
  });
});

describe('ReorderQuestions', () => {
  it('puts the questions in the given order', () => {
    given(threeQuestions)
      .when({ type: 'ReorderQuestions', formId, expectedVersion: 4, questionIds: ['c', 'a', 'b'] })
      .then([event({ type: 'QuestionsReordered', questionIds: ['c', 'a', 'b'] }, 5)]);
    expect(
      ids([
        ...threeQuestions,
        event({ type: 'QuestionsReordered', questionIds: ['c', 'a', 'b'] }, 5),
      ]),
    ).toEqual(['c', 'a', 'b']);
  });

  it.each([
    ['a missing id', ['a', 'b']],
    ['an unknown id', ['a', 'b', 'x']],
    ['a repeated id', ['a', 'b', 'b']],
    ['an extra id', ['a', 'b', 'c', 'd']],
  ])('rejects an order with %s: it must be a permutation of the current ids', (_, questionIds) => {
    given(threeQuestions)
      .when({ type: 'ReorderQuestions', formId, expectedVersion: 4, questionIds })
      .then({ code: 'invalid_reorder' });
  });
});

describe('what a question event carries', () => {
  it('keeps only the contract fields of constraints and options, with trimmed labels', () => {
    const sent = question('d', 'single_choice', {
      options: [{ optionId: 'x', label: ' X ', color: 'red' } as never],
    });
    const withExtra = { ...sent, constraints: { ...sent.constraints, secret: 1 } } as never;
    given(threeQuestions)
      .when({ type: 'AddQuestion', formId, expectedVersion: 4, question: withExtra })
      .then([
        event(
          {
            type: 'QuestionAdded',
            question: question('d', 'single_choice', { options: [{ optionId: 'x', label: 'X' }] }),
            position: 3,
          },
          5,
        ),
      ]);
  });
});
