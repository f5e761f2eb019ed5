import type { Integration, IntegrationEventType } from '@collect/integrations';
import { integrationFunctions } from '@collect/integrations';
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import { isUuid } from '../read-model';
import { withStoredSecrets, type Config } from './config-secrets';
import { FormOwnership } from './form-ownership';
import { IntegrationConfigs } from './integration-configs';
import { integrationEventOf } from './integration-event-of';
import { IntegrationEventProducer } from './integration-event-producer';
import { integrationNotFound, integrationProblem } from './integration-problems';
import { IntegrationReads } from './integration-reads';
import { decideIntegrationChange, type IntegrationCommand } from './integration-rules';
import { IntegrationStore, type CursorPosition } from './integration-store';
import type { IntegrationView, ReplayView } from './integration-views';
import { IntegrationsDb } from './integrations-db';
import { ResponsesTopicOffsets } from './responses-topic-offsets';

export interface AttachRequest {
  readonly type: string;
  readonly name: string | null;
  readonly config: Config;
  readonly backfill: boolean;
}

export interface UpdateRequest {
  readonly expectedVersion: number;
  readonly name?: string | null;
  readonly config?: Config;
}

/**
 * Integration commands. Each writes the `integrations` row (and cursors) in a transaction, then
 * produces its event while the row is still locked, and commits only once Kafka acknowledged it:
 * a failed produce rolls everything back and answers 503, so no change exists without its event.
 * Changes lock the row (FOR UPDATE), so concurrent ones on one integration run one after another
 * on every replica, and the version check sees the latest.
 */
@Injectable()
export class IntegrationsService {
  private readonly logger = new Logger('Integrations');

  constructor(
    private readonly db: IntegrationsDb,
    private readonly store: IntegrationStore,
    private readonly configs: IntegrationConfigs,
    private readonly forms: FormOwnership,
    private readonly offsets: ResponsesTopicOffsets,
    private readonly events: IntegrationEventProducer,
    private readonly reads: IntegrationReads,
  ) {}

  async attach(orgId: string, formId: string, request: AttachRequest): Promise<IntegrationView> {
    await this.forms.assert(orgId, formId);
    const connector = await this.configs.connectorType(request.type);
    this.configs.assertValidNew(connector, request.config);
    const end = await this.offsets.end();
    const start = request.backfill ? end.map(({ partition }) => ({ partition, offset: 0n })) : end;
    const now = new Date();
    const integration: Integration = {
      integrationId: randomUUID(),
      orgId,
      formId,
      type: connector.type,
      name: request.name,
      config: request.config,
      state: 'active',
      version: 1,
      backfill: request.backfill,
      attachedAt: now,
      updatedAt: now,
      detachedAt: null,
    };
    await this.db.transaction(async (client) => {
      await this.store.insert(client, integration, this.offsets.topic, start);
      await this.publish('IntegrationAttached', integration, connector.secretPaths, now);
    });
    return this.reads.viewOf(integration, connector.secretPaths);
  }

  update(orgId: string, integrationId: string, request: UpdateRequest): Promise<IntegrationView> {
    return this.change(orgId, integrationId, async (current) => {
      const connector = await this.configs.connectorType(current.type);
      const config =
        request.config === undefined
          ? current.config
          : withStoredSecrets(request.config, current.config, connector.secretPaths);
      this.configs.assertValid(connector, config);
      return {
        type: 'update',
        expectedVersion: request.expectedVersion,
        name: request.name === undefined ? current.name : request.name,
        config,
      };
    });
  }

  /** Pause, resume or detach; `expectedVersion` optional. */
  setState(
    orgId: string,
    integrationId: string,
    type: 'pause' | 'resume' | 'detach',
    expectedVersion?: number,
  ): Promise<IntegrationView> {
    return this.change(orgId, integrationId, () => Promise.resolve({ type, expectedVersion }));
  }

  /**
   * Delivers again everything produced at or after `from`: moves each cursor back to the first
   * offset at that time (never forward: a partition not yet delivered up to there stays where it
   * is, so a replay never skips anything) and clears the ledger rows from there on.
   */
  async replay(
    orgId: string,
    integrationId: string,
    from: Date,
    expectedVersion?: number,
  ): Promise<ReplayView> {
    if (!isUuid(integrationId)) throw integrationNotFound();
    const byTime = await this.offsets.at(from);
    return this.db.transaction(async (client) => {
      const current = await this.locked(client, orgId, integrationId);
      const change = this.decide({ type: 'replay', expectedVersion }, current);
      if (change === null) throw new Error('a replay always changes the integration');
      const topic = this.offsets.topic;
      const cursors = await this.store.lockCursors(client, integrationId, topic);
      const positions = earliest(byTime, cursors);
      const { rows } = await client.query<{ cleared: string }>(
        `SELECT ${integrationFunctions.replayIntegration}($1, $2, $3::int[], $4::bigint[]) AS cleared`,
        [
          integrationId,
          topic,
          positions.map((p) => p.partition),
          positions.map((p) => p.offset.toString()),
        ],
      );
      await this.store.update(client, change.next);
      const secretPaths = (await this.configs.secretPaths([current.type])).get(current.type);
      await this.publish(change.event, change.next, secretPaths, change.next.updatedAt, from);
      return {
        integrationId,
        version: change.next.version,
        from: from.toISOString(),
        topic,
        positions: positions.map((p) => ({ partition: p.partition, offset: p.offset.toString() })),
        clearedDeliveries: Number(rows[0]!.cleared),
      };
    });
  }

  private async change(
    orgId: string,
    integrationId: string,
    commandFor: (current: Integration) => Promise<IntegrationCommand>,
  ): Promise<IntegrationView> {
    if (!isUuid(integrationId)) throw integrationNotFound();
    const result = await this.db.transaction(async (client) => {
      const current = await this.locked(client, orgId, integrationId);
      const change = this.decide(await commandFor(current), current);
      if (change === null) return current;
      await this.store.update(client, change.next);
      const secretPaths = (await this.configs.secretPaths([current.type])).get(current.type);
      await this.publish(change.event, change.next, secretPaths, change.next.updatedAt);
      return change.next;
    });
    return this.reads.viewWithStatus(result);
  }

  private async locked(client: PoolClient, orgId: string, integrationId: string) {
    const current = await this.store.lock(client, orgId, integrationId);
    if (!current) throw integrationNotFound();
    return current;
  }

  private decide(command: IntegrationCommand, current: Integration) {
    try {
      return decideIntegrationChange(command, current, new Date());
    } catch (error) {
      throw integrationProblem(error);
    }
  }

  private async publish(
    type: IntegrationEventType,
    integration: Integration,
    secretPaths: readonly string[] | undefined,
    occurredAt: Date,
    replayFrom?: Date,
  ): Promise<void> {
    const event = integrationEventOf(type, integration, secretPaths, {
      eventId: randomUUID(),
      occurredAt,
      ...(replayFrom ? { replayFrom } : {}),
    });
    const position = await this.events.publish(event);
    this.logger.log({
      msg: 'integration changed',
      event: type,
      integrationId: integration.integrationId,
      formId: integration.formId,
      connectorType: integration.type,
      version: integration.version,
      position,
    });
  }
}

/** Per partition, the earlier of the replay's position and where the cursor already is. */
function earliest(
  byTime: readonly CursorPosition[],
  cursors: readonly CursorPosition[],
): CursorPosition[] {
  const current = new Map(cursors.map((c) => [c.partition, c.offset]));
  return byTime.map(({ partition, offset }) => {
    const at = current.get(partition) ?? 0n;
    return { partition, offset: at < offset ? at : offset };
  });
}
