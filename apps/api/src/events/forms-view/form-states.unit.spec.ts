import {
  added,
  created,
  event,
  formId,
  orgId,
  question,
} from '../../forms/domain/form-decider.testing';
import { exampleEvents } from '../../../../../libs/events/src/testing/example-events';
import { FormStates } from './form-states';

const definition = { title: 'Survey', description: null, questions: [question('q1')], rules: [] };

describe('FormStates', () => {
  it('applies each form event only as the next version of its form', () => {
    const states = new FormStates();
    expect(states.apply(event(created, 1))).toBe('applied');
    expect(states.apply(event(created, 1, 'again'))).toBe('out_of_sequence');
    expect(states.apply(event(added(question('q1')), 3))).toBe('out_of_sequence');
    expect(states.apply(event(added(question('q1')), 2))).toBe('applied');
    expect(states.apply(event(added(question('q2')), 2, 'second-writer'))).toBe('out_of_sequence');
    expect(states.get(formId)).toMatchObject({ version: 2, questions: [{ questionId: 'q1' }] });
  });

  it('ignores events that are not form events', () => {
    expect(new FormStates().apply(exampleEvents.ResponseSubmitted)).toBe('not_a_form_event');
  });

  it('hands out a published definition only to the owning organisation, closed ones with their status', () => {
    const states = new FormStates();
    states.apply(event(created, 1));
    states.apply(event(added(question('q1')), 2));
    expect(states.published(orgId, formId)).toBeUndefined();
    states.apply(event({ type: 'FormPublished', definition }, 3));
    expect(states.published(orgId, formId)).toEqual({
      formVersion: 3,
      definition,
      status: 'published',
    });
    expect(states.published('another-org', formId)).toBeUndefined();
    states.apply(event({ type: 'FormClosed' }, 4));
    expect(states.published(orgId, formId)).toEqual({
      formVersion: 3,
      definition,
      status: 'closed',
    });
  });
});
