import { ApiError } from '../http';
import { FormError, type FormErrorCode } from './domain';
import { formProblem, pointerOf } from './form-problems';

describe('formProblem', () => {
  it.each<[FormErrorCode, number]>([
    ['form_not_found', 404],
    ['question_not_found', 404],
    ['version_conflict', 409],
    ['form_closed', 409],
    ['form_exists', 409],
    ['invalid_form_details', 422],
    ['invalid_question', 422],
    ['question_exists', 422],
    ['question_in_use', 422],
    ['invalid_reorder', 422],
    ['invalid_rule', 422],
    ['nothing_to_publish', 422],
  ])('answers %s with %i and the kebab-cased code', (code, status) => {
    const problem = formProblem(new FormError(code, 'what to change'));
    expect(problem).toBeInstanceOf(ApiError);
    expect(problem).toMatchObject({ status, code: code.replace(/_/g, '-'), retriable: false });
  });

  it('tells a stale writer the current version', () => {
    const problem = formProblem(
      new FormError('version_conflict', 'reload', { currentVersion: 7, expectedVersion: 5 }),
    );
    expect(problem.details).toEqual({ currentVersion: 7, expectedVersion: 5 });
  });

  it('points a 422 at the offending field of the body', () => {
    const problem = formProblem(
      new FormError('invalid_rule', 'fix it', { path: 'rules[2].expression', ruleId: 'r2' }),
    );
    expect(problem.errors).toEqual([
      { path: '/rules/2/expression', code: 'invalid-rule', message: 'fix it' },
    ]);
    expect(problem.details).toEqual({ ruleId: 'r2' });
  });

  it('turns domain paths into JSON pointers', () => {
    expect(pointerOf('')).toBe('');
    expect(pointerOf('question.constraints.options[3]')).toBe('/question/constraints/options/3');
    expect(pointerOf('a/b~c')).toBe('/a~1b~0c');
  });
});
