export { parseMigrationFile, readMigrationFiles, type MigrationFile } from './migration-files';
export { runMigrations, type MigrationLog, type MigrationOptions } from './run-migrations';
export { runMigrationCommand } from './run-migration-command';
