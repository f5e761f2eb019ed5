import type { Integration } from '@collect/integrations';
import { Injectable } from '@nestjs/common';
import { isUuid } from '../read-model';
import { FormOwnership } from './form-ownership';
import { IntegrationConfigs } from './integration-configs';
import { integrationNotFound } from './integration-problems';
import { IntegrationStatusStore } from './integration-status-store';
import { IntegrationStore } from './integration-store';
import { integrationViewOf } from './integration-view';
import type { IntegrationView } from './integration-views';

/** Integrations as the API shows them: redacted, with the runtime's status. */
@Injectable()
export class IntegrationReads {
  constructor(
    private readonly store: IntegrationStore,
    private readonly statuses: IntegrationStatusStore,
    private readonly configs: IntegrationConfigs,
    private readonly forms: FormOwnership,
  ) {}

  /** A form's integrations (404 for another organisation's form). */
  async list(orgId: string, formId: string, includeDetached: boolean): Promise<IntegrationView[]> {
    await this.forms.assert(orgId, formId);
    return this.views(await this.store.listByForm(orgId, formId, includeDetached));
  }

  async get(orgId: string, integrationId: string): Promise<IntegrationView> {
    const found = isUuid(integrationId) ? await this.store.find(orgId, integrationId) : undefined;
    if (!found) throw integrationNotFound();
    return this.viewWithStatus(found);
  }

  async viewWithStatus(integration: Integration): Promise<IntegrationView> {
    return (await this.views([integration]))[0]!;
  }

  /** A just-attached integration: the runtime cannot have reported on it yet. */
  viewOf(integration: Integration, secretPaths: readonly string[]): IntegrationView {
    return integrationViewOf(integration, secretPaths, undefined, new Date());
  }

  private async views(integrations: readonly Integration[]): Promise<IntegrationView[]> {
    const [secretPaths, statuses] = await Promise.all([
      this.configs.secretPaths(integrations.map((i) => i.type)),
      this.statuses.find(integrations.map((i) => i.integrationId)),
    ]);
    const now = new Date();
    return integrations.map((integration) =>
      integrationViewOf(
        integration,
        secretPaths.get(integration.type),
        statuses.get(integration.integrationId),
        now,
      ),
    );
  }
}
