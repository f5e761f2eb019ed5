export { IntegrationsModule } from './integrations.module';
export type { IntegrationsModuleOptions } from './integrations-options';
