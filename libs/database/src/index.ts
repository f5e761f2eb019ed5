export { DatabaseModule } from './database.module';
export type { DatabaseOptions } from './database-options';
export { PostgresReadinessProbe } from './postgres-readiness.probe';
