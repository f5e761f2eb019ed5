export type { AnswerError, AnswerErrorCode } from './answer-error';
export {
  RuleEngine,
  type CompiledDefinition,
  type DefinitionProblem,
  type RuleEngineOptions,
  type RuleOutcome,
} from './rule-engine';
export { validateAnswers, type AnswersValidation } from './validate-answers';
export {
  validateEnvelope,
  type EnvelopeError,
  type EnvelopeValidation,
  type SubmittedEnvelope,
} from './validate-envelope';
export { envelopeLimits } from './envelope-limits';
