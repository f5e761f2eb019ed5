export * from './decide-form';
export * from './evolve-form';
export * from './form-commands';
export * from './form-error';
export * from './form-limits';
export * from './form-state';
export { answerPatternProblem, compileAnswerPattern } from './answer-pattern';
export { isCalendarDate } from './calendar-date';
