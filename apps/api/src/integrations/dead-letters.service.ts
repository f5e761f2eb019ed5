import { Injectable } from '@nestjs/common';
import { isUuid, type KeysetPosition, type Page } from '../read-model';
import { DeadLetterStore } from './dead-letter-store';
import { integrationNotFound, integrationProblem } from './integration-problems';
import { IntegrationRuleError } from './integration-rules';
import { IntegrationStore } from './integration-store';
import type { DeadLetterView, RedriveView } from './integration-views';

/** Listing and redriving one integration's dead letters, within the caller's organisation. */
@Injectable()
export class DeadLettersService {
  constructor(
    private readonly integrations: IntegrationStore,
    private readonly deadLetters: DeadLetterStore,
  ) {}

  async list(
    orgId: string,
    integrationId: string,
    filter: { limit: number; after?: KeysetPosition; pendingOnly: boolean },
  ): Promise<Page<DeadLetterView>> {
    await this.owned(orgId, integrationId);
    return this.deadLetters.list(integrationId, filter);
  }

  /**
   * Sends dead letters through again (the given ones, or every one not yet redriven): the runtime
   * re-reads them from their source offsets and delivers what its ledger does not hold.
   */
  async redrive(
    orgId: string,
    integrationId: string,
    ids: readonly string[] | undefined,
  ): Promise<RedriveView> {
    const integration = await this.owned(orgId, integrationId);
    if (integration.state === 'detached') {
      throw integrationProblem(
        new IntegrationRuleError(
          'integration_detached',
          'the integration is detached; its dead letters cannot be redriven',
          { currentVersion: integration.version },
        ),
      );
    }
    return { integrationId, redriven: await this.deadLetters.redrive(integrationId, ids) };
  }

  private async owned(orgId: string, integrationId: string) {
    const found = isUuid(integrationId)
      ? await this.integrations.find(orgId, integrationId)
      : undefined;
    if (!found) throw integrationNotFound();
    return found;
  }
}
