import type { ConfigOf, serviceVariables } from '../../../platform/src/config';
import type { ConnectorRuntimeVariables } from '../config/runtime-variables';

/** What a connector app's config.ts must provide: the service variables and the runtime's. */
export type ConnectorAppConfig = ConfigOf<ReturnType<typeof serviceVariables>> &
  ConnectorRuntimeVariables;
