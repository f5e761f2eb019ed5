// The read side's shared plumbing: what the forms and responses query slices use.
export { ReadModelModule } from './read-model.module';
export type { ReadModelOptions } from './read-model-options';
export { ReadModelDb } from './read-model-db';
export { ReadYourWrites } from './consistency/read-your-writes';
export { ReadInput, type ReadRequest } from './consistency/read-request';
export { ProjectionProgress } from './consistency/projection-progress';
export { consistencyQueryFields } from './consistency/consistency-request';
export { ApiReadYourWrites } from './consistency/read-your-writes.docs';
export { RequireAnyScope } from './require-any-scope';
export { encodeCursor, type KeysetPosition } from './keyset-cursor';
export { cursorParam, instantParam, limitParam, pageOf, type Page } from './page-query';
export { SqlParams, isoMicros, isoMillis } from './sql-params';
export { chunkedReadable } from './csv/chunked-readable';
export { csvLine, textCell, valueCell } from './csv/csv-cell';
export { isUuid } from './uuid';
