import type { ResponseSubmitted } from '@collect/events';

/**
 * The contract a connector implements: everything a new use case has to write. The runtime
 * (`runConnector`) owns the rest — see README.md:
 *
 * - **Offsets and batching.** The runtime reads `collect.responses.v1` in consumer group
 *   `collect.connector.<type>` (a new type starts at the earliest offset), groups each batch by
 *   integration (the form's active integrations of this type) and calls `deliver` once per
 *   integration with that integration's responses in submission order (at most `maxBatchSize`).
 *   It commits offsets only after every outcome is durable.
 * - **At most once per (integration, response).** Before `deliver` is called each response is
 *   *claimed* in the delivery ledger; after it returns the outcomes are recorded. A response
 *   recorded as delivered or failed is never passed to `deliver` again (until a replay or redrive).
 *   A response still *claimed* after a crash (or after `deliver` threw or timed out) is resolved
 *   with `reconcile` when there is one, otherwise re-sent when `idempotent`, otherwise
 *   dead-lettered as `unconfirmed` (never sent twice).
 * - **Retries.** `retry-later` outcomes, rate limits and thrown retriable errors are retried by
 *   the runtime with jittered exponential backoff (capped), for that integration only; other
 *   integrations and partitions keep flowing; nothing after the failed response is delivered to
 *   that integration until it succeeds (per-form order), nothing is skipped.
 * - **Dead letters.** `failed` outcomes go to `collect.dlq.<type>` (headers: reason, integration,
 *   source topic, partition, offset) before the offset is committed, and to
 *   `connector_dead_letters`; the API can redrive them.
 * - **Rate limits.** `rateLimits` names token buckets shared by every replica (in Postgres); the
 *   runtime takes tokens before `deliver` and never calls it beyond them.
 */
export interface Connector<Config = Readonly<Record<string, unknown>>> {
  /** e.g. `google-sheets`: lower-case words joined by `-`. Names the group and the DLQ topic. */
  readonly type: string;
  readonly description?: string;
  /** JSON Schema (draft 2020-12) of one integration's config; the API validates against it. */
  readonly configSchema: Readonly<Record<string, unknown>>;
  /** JSON Pointers of secret fields of the config (never returned, never logged), e.g. `/authToken`. */
  readonly secretPaths?: readonly string[];
  /**
   * True when delivering the same response twice to the same target has the effect of once
   * (the target dedupes by responseId). Lets the runtime re-send unconfirmed claims.
   */
  readonly idempotent: boolean;
  /** Most responses per `deliver` call. Default 500. */
  readonly maxBatchSize?: number;
  /** A `deliver` or `reconcile` call taking longer is abandoned (its signal aborts). Default 30 s. */
  readonly callTimeoutMs?: number;

  /**
   * Called once before the first delivery (open clients, migrate, warm caches). A throw with
   * `retriable: true` is retried with backoff; any other keeps the app not ready, with the reason.
   */
  start?(): Promise<void>;
  /** Called once at shutdown, after the last delivery returned. */
  stop?(): Promise<void>;

  /**
   * Delivers `responses` (one integration's, in submission order) to `target`, and says what
   * happened to each, by responseId. Stop at the first response you cannot deliver now and
   * answer `retry-later` for it and every later one: that keeps the target in submission order.
   * A response without an outcome counts as unconfirmed (as if the call had crashed).
   *
   * Throw only when you cannot tell what happened: an error with `retriable: true` (a network
   * failure, a timeout) marks the whole call unconfirmed and is retried; any other error is a
   * programmer error — the consumer stops (health turns not ready) and nothing is skipped.
   * Reasons and error messages must never contain answer values or secrets: they are logged.
   *
   * `report` tells the integration's status what is neither an outcome nor an error (see
   * `DeliveryReport`).
   */
  deliver(
    target: DeliveryTarget<Config>,
    responses: readonly DeliverableResponse[],
    signal: AbortSignal,
    report: DeliveryReport,
  ): Promise<readonly DeliveryOutcome[]>;

  /**
   * After a crash: which of `claimed` (sent or perhaps sent, never confirmed) actually landed on
   * `target`? Answer their responseIds; the others are sent again. Same throw rules as `deliver`.
   */
  reconcile?(
    target: DeliveryTarget<Config>,
    claimed: readonly DeliverableResponse[],
    signal: AbortSignal,
  ): Promise<readonly string[]>;

  /** The token buckets one delivery to `target` draws from, e.g. per spreadsheet and per credential. */
  rateLimits?(target: DeliveryTarget<Config>): readonly RateLimit[];
}

/** One integration: where to deliver and how (`config` includes its secrets). */
export interface DeliveryTarget<Config = Readonly<Record<string, unknown>>> {
  readonly integrationId: string;
  readonly orgId: string;
  readonly formId: string;
  readonly name: string | null;
  readonly config: Config;
  /** Bumps when the config changes. */
  readonly version: number;
}

/**
 * What a connector says about a target beyond per-response outcomes, shown with the
 * integration's status (API and CLI).
 */
export interface DeliveryReport {
  /**
   * Sets the integration's status note: something a person should know that is not an error,
   * e.g. `continuing in tab "Responses (2)": "Responses" reached its cell limit`. The latest note
   * replaces the previous one and stays until replaced; `noteAt` is when it was made. Written
   * with the runtime's next status report (which this wakes), not with the round's outcomes.
   * Never put answer values or secrets in it; at most 500 characters (longer is cut).
   */
  note(text: string): void;
}

/** A response and where it sits in the log. */
export interface DeliverableResponse {
  readonly response: ResponseSubmitted;
  readonly partition: number;
  readonly offset: bigint;
  /** When Kafka appended it. */
  readonly publishedAt: Date;
}

/**
 * `delivered`: the target has it. `retry-later`: it does not, try again (after `retryAfterMs`
 * when the target said so, e.g. a 429 Retry-After). `failed`: it never will (a permanent
 * rejection); it is dead-lettered with `reason`.
 */
export type DeliveryOutcome =
  | { readonly responseId: string; readonly status: 'delivered' }
  | {
      readonly responseId: string;
      readonly status: 'retry-later';
      readonly reason: string;
      readonly retryAfterMs?: number;
    }
  | { readonly responseId: string; readonly status: 'failed'; readonly reason: string };

/**
 * A token bucket shared by every replica: holds at most `capacity` tokens, refilled at
 * `refillPerSecond`. `per: 'call'` takes one token per `deliver` call, `'response'` one per
 * response. `bucket` is scoped to the connector type by the runtime; hash credentials into it,
 * never put a secret there.
 */
export interface RateLimit {
  readonly bucket: string;
  readonly capacity: number;
  readonly refillPerSecond: number;
  readonly per: 'call' | 'response';
}
