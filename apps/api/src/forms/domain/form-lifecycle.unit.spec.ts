import type { FormDefinition } from '@collect/events';
import { decide } from './decide-form';
import { foldForm } from './evolve-form';
import type { FormCommand } from './form-commands';
import {
  added,
  context,
  created,
  event,
  formId,
  given,
  history,
  question,
} from './form-decider.testing';

const nameOnly: FormDefinition = {
  title: 'Survey',
  description: null,
  questions: [question('name')],
  rules: [],
};
const nameAndAge: FormDefinition = {
  ...nameOnly,
  questions: [question('name'), question('age', 'number')],
};
const withOneQuestion = history(created, added(question('name')));

describe('CreateForm', () => {
  it('creates a form at version 1 with the trimmed title', () => {
    given([])
      .when({ type: 'CreateForm', formId, title: '  Survey ', description: '' })
      .then([event({ type: 'FormCreated', title: 'Survey', description: null }, 1)]);
  });

  it('stamps the event with the given clock, id and organisation', () => {
    const events = decide(
      { type: 'CreateForm', formId, title: 'T', description: null },
      foldForm([]),
      context({ now: 42, orgId: 'org-9', newEventId: () => 'id-7' }),
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      eventId: 'id-7',
      occurredAt: 42,
      orgId: 'org-9',
      formId,
      aggregateVersion: 1,
    });
  });

  it('rejects a second creation of the same form id', () => {
    given(history(created))
      .when({ type: 'CreateForm', formId, title: 'Again', description: null })
      .then({ code: 'form_exists' });
  });

  it.each([
    ['an empty title', '   ', null, 'title'],
    ['a title over 200 characters', 'x'.repeat(201), null, 'title'],
    ['a description over 2000 characters', 'Survey', 'x'.repeat(2001), 'description'],
  ])('rejects %s', (_, title, description, path) => {
    given([])
      .when({ type: 'CreateForm', formId, title, description })
      .then({ code: 'invalid_form_details', details: { path } });
  });

  it('accepts a 200-character title and a 2000-character description', () => {
    given([])
      .when({ type: 'CreateForm', formId, title: 't'.repeat(200), description: 'd'.repeat(2000) })
      .then([
        event({ type: 'FormCreated', title: 't'.repeat(200), description: 'd'.repeat(2000) }, 1),
      ]);
  });
});

describe('ChangeFormDetails', () => {
  it('changes title and description at the next version', () => {
    given(history(created))
      .when({
        type: 'ChangeFormDetails',
        formId,
        expectedVersion: 1,
        title: 'New',
        description: 'About',
      })
      .then([event({ type: 'FormDetailsChanged', title: 'New', description: 'About' }, 2)]);
  });

  it('rejects a stale expectedVersion with the current version, so the client can reload', () => {
    given(history(created, added(question('a'))))
      .when({
        type: 'ChangeFormDetails',
        formId,
        expectedVersion: 1,
        title: 'New',
        description: null,
      })
      .then({ code: 'version_conflict', details: { currentVersion: 2, expectedVersion: 1 } });
  });
});

describe('the form must exist in the caller organisation', () => {
  const change: FormCommand = { type: 'CloseForm', formId, expectedVersion: 1 };

  it('reports a change to a form never created as not found', () => {
    given([]).when(change).then({ code: 'form_not_found' });
  });

  it('reports a form of another organisation as not found, never as a conflict', () => {
    given(history(created), context({ orgId: 'org-2' }))
      .when({ ...change, expectedVersion: 7 })
      .then({ code: 'form_not_found' });
  });

  it('reports a command for another form id as not found', () => {
    given(history(created))
      .when({ ...change, formId: 'form-2' })
      .then({ code: 'form_not_found' });
  });
});

describe('PublishForm', () => {
  it('publishes the whole draft definition', () => {
    given(withOneQuestion)
      .when({ type: 'PublishForm', formId, expectedVersion: 2 })
      .then([event({ type: 'FormPublished', definition: nameOnly }, 3)]);
  });

  it('rejects publishing a form without questions', () => {
    given(history(created))
      .when({ type: 'PublishForm', formId, expectedVersion: 1 })
      .then({ code: 'nothing_to_publish' });
  });

  it('rejects publishing again when nothing changed since the last publish', () => {
    given(
      history(created, added(question('name')), { type: 'FormPublished', definition: nameOnly }),
    )
      .when({ type: 'PublishForm', formId, expectedVersion: 3 })
      .then({ code: 'nothing_to_publish' });
  });

  it('re-publishes after a change and moves publishedVersion to the new publish', () => {
    const events = history(
      created,
      added(question('name')),
      { type: 'FormPublished', definition: nameOnly },
      added(question('age', 'number'), 1),
      { type: 'FormPublished', definition: nameAndAge },
    );
    expect(foldForm(events.slice(0, 3))).toMatchObject({
      status: 'published',
      publishedVersion: 3,
    });
    expect(foldForm(events)).toMatchObject({
      status: 'published',
      publishedVersion: 5,
      version: 5,
    });
    given(events.slice(0, 4))
      .when({ type: 'PublishForm', formId, expectedVersion: 4 })
      .then([event({ type: 'FormPublished', definition: nameAndAge }, 5)]);
  });

  it('keeps accepting changes to a published form; they reach respondents only on the next publish', () => {
    const events = history(created, added(question('name')), {
      type: 'FormPublished',
      definition: nameOnly,
    });
    given(events)
      .when({
        type: 'AddQuestion',
        formId,
        expectedVersion: 3,
        question: question('age', 'number'),
      })
      .then([
        event({ type: 'QuestionAdded', question: question('age', 'number'), position: 1 }, 4),
      ]);
    const state = foldForm([
      ...events,
      event({ type: 'QuestionAdded', question: question('age', 'number'), position: 1 }, 4),
    ]);
    expect(state).toMatchObject({
      publishedDefinition: { questions: [question('name')] },
      questions: [question('name'), question('age', 'number')],
    });
  });

  it('rejects publishing when a question change made a rule ill-typed', () => {
    given(
      history(
        created,
        added(question('income', 'number')),
        {
          type: 'FormRulesChanged',
          rules: [
            {
              ruleId: 'r',
              expression: 'answers.income > 0.0',
              message: 'm',
              questionIds: ['income'],
            },
          ],
        },
        { type: 'QuestionChanged', question: question('income', 'short_text') },
      ),
    )
      .when({ type: 'PublishForm', formId, expectedVersion: 4 })
      .then({ code: 'invalid_rule', details: { ruleId: 'r' } });
  });
});

describe('CloseForm', () => {
  it('closes a draft or published form', () => {
    given(withOneQuestion)
      .when({ type: 'CloseForm', formId, expectedVersion: 2 })
      .then([event({ type: 'FormClosed' }, 3)]);
    expect(foldForm([...withOneQuestion, event({ type: 'FormClosed' }, 3)])).toMatchObject({
      status: 'closed',
      version: 3,
    });
  });

  const closed = history(created, added(question('name')), { type: 'FormClosed' });
  it.each<[string, FormCommand]>([
    [
      'ChangeFormDetails',
      { type: 'ChangeFormDetails', formId, expectedVersion: 3, title: 'T', description: null },
    ],
    ['AddQuestion', { type: 'AddQuestion', formId, expectedVersion: 3, question: question('b') }],
    [
      'ChangeQuestion',
      { type: 'ChangeQuestion', formId, expectedVersion: 3, question: question('name') },
    ],
    ['RemoveQuestion', { type: 'RemoveQuestion', formId, expectedVersion: 3, questionId: 'name' }],
    [
      'ReorderQuestions',
      { type: 'ReorderQuestions', formId, expectedVersion: 3, questionIds: ['name'] },
    ],
    ['SetRules', { type: 'SetRules', formId, expectedVersion: 3, rules: [] }],
    ['PublishForm', { type: 'PublishForm', formId, expectedVersion: 3 }],
    ['CloseForm', { type: 'CloseForm', formId, expectedVersion: 3 }],
  ])('a closed form rejects %s', (_, command) => {
    given(closed).when(command).then({ code: 'form_closed' });
  });

  it('reports form_closed even with a stale version, since reloading cannot help', () => {
    given(closed)
      .when({ type: 'PublishForm', formId, expectedVersion: 1 })
      .then({ code: 'form_closed' });
  });
});

describe('every command', () => {
  it('produces one event at the previous version + 1', () => {
    const events = history(created, added(question('a')), added(question('b'), 1));
    given(events)
      .when({ type: 'RemoveQuestion', formId, expectedVersion: 3, questionId: 'a' })
      .then([event({ type: 'QuestionRemoved', questionId: 'a' }, 4)]);
  });
});
