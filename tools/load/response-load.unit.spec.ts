import { EventSerde, type Question, type ResponseSubmitted } from '@collect/events';
import { InMemorySchemaRegistry } from '../../libs/events/src/testing/in-memory-schema-registry';
import { ResponseLoad } from './response-load';

function matchesType(question: Question, value: unknown): boolean {
  switch (question.type) {
    case 'number':
    case 'rating':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'multiple_choice':
      return Array.isArray(value) && value.length >= 1 && value.length <= 3;
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
    default:
      return typeof value === 'string' && value.length > 0;
  }
}

describe('the response load generator', () => {
  const load = new ResponseLoad({ forms: 20, formsPerOrg: 5, seed: 7 });
  const responses: ResponseSubmitted[] = [...load.responses(2_000)];

  it('answers 5 to 10 questions of each response with a value of the question’s type, required ones always', () => {
    const forms = new Map(load.forms.map((form) => [form.formId, form]));
    for (const response of responses) {
      const form = forms.get(response.formId)!;
      expect(response.answers.length).toBeGreaterThanOrEqual(5);
      expect(response.answers.length).toBeLessThanOrEqual(10);
      const answered = new Set(response.answers.map((answer) => answer.questionId));
      expect(answered.size).toBe(response.answers.length);
      for (const question of form.questions.filter((q) => q.required)) {
        expect(answered.has(question.questionId)).toBe(true);
      }
      for (const answer of response.answers) {
        const question = form.questions.find((q) => q.questionId === answer.questionId)!;
        expect(matchesType(question, answer.value)).toBe(true);
      }
      expect(response.formVersion).toBe(form.version);
      expect(response.orgId).toBe(form.orgId);
    }
  });

  it('spreads responses over every form and its forms over organisations', () => {
    expect(new Set(responses.map((r) => r.formId)).size).toBe(20);
    expect(new Set(load.forms.map((form) => form.orgId)).size).toBe(4);
    const sizes = responses.map((r) => r.answers.length);
    expect(new Set(sizes)).toEqual(new Set([5, 6, 7, 8, 9, 10]));
  });

  it('makes events that round-trip through EventSerde and the current Avro contracts', async () => {
    const serde = new EventSerde(new InMemorySchemaRegistry());
    await serde.registerAll();
    const events = [...load.forms.flatMap((form) => form.events), ...responses.slice(0, 200)];
    for (const event of events) expect(await serde.decode(serde.encode(event))).toEqual(event);
  });
});
