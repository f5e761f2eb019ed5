export { ApiError, type ApiErrorOptions, type ProblemFieldError } from './api-error';
export { configureHttp, type HttpOptions } from './configure-http';
export type { BodyLimits } from './json-body-parser';
export { parseBody, ZodBodyPipe } from './parse-body';
export {
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPE_BASE,
  problemType,
  toProblem,
  type Problem,
} from './problem';
export { ProblemFilter } from './problem.filter';
export { jsonPointer, zodIssuesToFieldErrors } from './zod-issues';
