import type { FormPublished, Question } from '@collect/events';
import { exampleEvents } from '../../../../libs/events/src/testing/example-events';
import { QuestionTitles } from './question-titles';

const question = (questionId: string, title: string): Question => ({
  ...exampleEvents.FormPublished.definition.questions[0]!,
  questionId,
  title,
});

function published(version: number, questions: Question[], formId = 'form-1'): FormPublished {
  const base = exampleEvents.FormPublished;
  return {
    ...base,
    formId,
    aggregateVersion: version,
    definition: { ...base.definition, questions },
  };
}

describe('question titles per form', () => {
  it('takes the titles of the latest published definition; a removed question keeps its last title', () => {
    const titles = new QuestionTitles();
    titles.apply(published(3, [question('name', 'Your name'), question('income', 'Income')]));
    titles.apply(published(7, [question('name', 'Full name'), question('age', 'Age')]));
    expect(titles.publishedVersion('form-1')).toBe(7);
    expect(Object.fromEntries(titles.titlesOf('form-1'))).toEqual({
      name: 'Full name',
      income: 'Income',
      age: 'Age',
    });
  });

  it('ignores an older or repeated publication (a replay), draft edits and other forms', () => {
    const titles = new QuestionTitles();
    expect(titles.apply(published(7, [question('name', 'Full name')]))).toBe(true);
    expect(titles.apply(published(3, [question('name', 'Your name')]))).toBe(false);
    expect(titles.apply(published(7, [question('name', 'Other')]))).toBe(false);
    expect(
      titles.apply({
        ...exampleEvents.QuestionChanged,
        formId: 'form-1',
        question: question('name', 'Draft'),
      }),
    ).toBe(false);
    expect(titles.titlesOf('form-1').get('name')).toBe('Full name');
    expect(titles.titlesOf('form-2').size).toBe(0);
    expect(titles.publishedVersion('form-2')).toBe(0);
  });
});
