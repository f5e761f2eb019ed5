export { createPool } from './create-pool';
export { DatabaseModule } from './database.module';
export type { DatabaseOptions } from './database-options';
export * from './migrations';
export { PostgresReadinessProbe } from './postgres-readiness.probe';
export { isRetriableDatabaseError } from './retriable-database-error';
export { inTransaction, type TransactionOptions } from './in-transaction';
