/** Row shapes of the integrations contract, as the API and the connector runtime read them. */

/** A connector type as it registers itself when its app starts (`connector_types`). */
export interface ConnectorTypeRegistration {
  /** e.g. `google-sheets`; also names the consumer group `collect.connector.<type>` and `collect.dlq.<type>`. */
  readonly type: string;
  /** JSON Schema (draft 2020-12) of one integration's `config`. */
  readonly configSchema: Readonly<Record<string, unknown>>;
  /** JSON Pointers (RFC 6901) of the secret fields of a config, e.g. `/authToken`. */
  readonly secretPaths: readonly string[];
  readonly description?: string;
}

export interface ConnectorTypeRecord extends ConnectorTypeRegistration {
  readonly registeredAt: Date;
  readonly updatedAt: Date;
}

/**
 * `active`: delivered to. `paused`: nothing is delivered, its cursors stay where they are; on
 * resume it catches up from there. `detached`: never delivered to again.
 */
export type IntegrationState = 'active' | 'paused' | 'detached';
export const integrationStates: readonly IntegrationState[] = ['active', 'paused', 'detached'];

/** One integration (`integrations`): a connector type attached to a form with its config. */
export interface Integration {
  readonly integrationId: string;
  readonly orgId: string;
  readonly formId: string;
  /** The connector type. */
  readonly type: string;
  readonly name: string | null;
  /** Includes secret values: never return it over the API, never log it (see `redactSecrets`). */
  readonly config: Readonly<Record<string, unknown>>;
  readonly state: IntegrationState;
  /** Bumps on every change (optimistic concurrency). */
  readonly version: number;
  /** Attached with its form's history (cursors at 0) rather than from the attach on. */
  readonly backfill: boolean;
  readonly attachedAt: Date;
  readonly updatedAt: Date;
  readonly detachedAt: Date | null;
}

/**
 * `integration_cursors`: the runtime delivers offset `o` of `partition` to the integration only
 * when `o >= nextOffset`, and moves `nextOffset` forward in the transaction that writes the ledger
 * rows. A missing row reads as 0. The API writes one row per partition at attach: the topic's end
 * offsets (no history), 0 (backfill) or offsets by timestamp (replay, via `replay_integration`).
 */
export interface IntegrationCursor {
  readonly integrationId: string;
  readonly topic: string;
  readonly partition: number;
  readonly nextOffset: bigint;
}

/**
 * `claimed`: the runtime is about to send (or sent, and crashed before recording it);
 * `delivered`: the target has it; `failed`: dead-lettered for good (until redriven).
 */
export type DeliveryState = 'claimed' | 'delivered' | 'failed';

/** `connector_deliveries`: the delivery ledger, at most one delivery per (integration, response). */
export interface DeliveryRecord {
  readonly integrationId: string;
  readonly responseId: string;
  readonly state: DeliveryState;
  readonly attempts: number;
  readonly sourcePartition: number;
  readonly sourceOffset: bigint;
  readonly lastError: string | null;
  readonly updatedAt: Date;
}

/**
 * `backfilling`: reading history behind the live position; `live`: delivering as responses
 * arrive; `paused`: the integration is paused, or its target unreachable and retried with backoff;
 * `failing`: deliveries are being dead-lettered or retried without success.
 */
export type IntegrationStatusState = 'backfilling' | 'live' | 'paused' | 'failing';

/** `integration_status`: written by the runtime, read by the API. */
export interface IntegrationStatus {
  readonly integrationId: string;
  readonly state: IntegrationStatusState;
  readonly deliveredCount: bigint;
  readonly deadLetteredCount: bigint;
  /** Responses of its form's partitions not yet delivered (messages between cursor and end). */
  readonly lag: bigint | null;
  readonly oldestUndeliveredAt: Date | null;
  /** Never contains answer values or secrets. */
  readonly lastError: string | null;
  readonly lastErrorAt: Date | null;
  readonly backfillDone: bigint | null;
  readonly backfillTotal: bigint | null;
  /** The connector's latest note (e.g. a Sheets roll-over to a new tab); never answers or secrets. */
  readonly note: string | null;
  readonly noteAt: Date | null;
  readonly updatedAt: Date;
}

/**
 * `connector_dead_letters`: what went to `collect.dlq.<type>`. Redrive with
 * `redrive_dead_letters(integration_id, ids)`; it sets `redriven_at`.
 */
export interface DeadLetterRecord {
  readonly deadLetterId: string;
  readonly integrationId: string;
  readonly responseId: string;
  /** Machine-readable reason first (`permanent_failure: …`, `undecodable: …`); no answer values. */
  readonly reason: string;
  readonly sourceTopic: string | null;
  readonly sourcePartition: number | null;
  readonly sourceOffset: bigint | null;
  readonly dlqOffset: bigint | null;
  readonly createdAt: Date;
  readonly redrivenAt: Date | null;
}
