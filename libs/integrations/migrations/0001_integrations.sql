-- The integrations contract (libs/integrations/README.md): shared by the API (writes integrations
-- and cursors, reads status and dead letters) and every connector app (registers its type, writes
-- the ledger, cursors, status, dead letters and rate-limit buckets). Applied by all of them with
-- table integrations_schema_migrations; the runner's advisory lock serialises them.

-- One row per connector type, upserted by the connector runtime when a connector app starts.
CREATE TABLE connector_types (
  type text PRIMARY KEY,
  config_schema jsonb NOT NULL,          -- JSON Schema draft 2020-12 of one integration's config
  secret_paths text[] NOT NULL,          -- JSON Pointers of secret fields, e.g. '/authToken'
  description text,
  registered_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

-- One row per integration (a connector type attached to a form). Written by the API only.
CREATE TABLE integrations (
  integration_id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  form_id uuid NOT NULL,
  type text NOT NULL,
  name text,
  config jsonb NOT NULL,                 -- INCLUDING secret values: never returned, never logged
  state text NOT NULL CHECK (state IN ('active', 'paused', 'detached')),
  version int NOT NULL,                  -- bumps on every change; optimistic concurrency
  backfill boolean NOT NULL,
  attached_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  detached_at timestamptz
);
CREATE INDEX integrations_by_form ON integrations (form_id) WHERE state <> 'detached';
CREATE INDEX integrations_by_org ON integrations (org_id);
CREATE INDEX integrations_by_type ON integrations (type) WHERE state <> 'detached';

-- Where each integration's delivery stands per partition of the responses topic: the runtime
-- delivers offset o of partition p to integration i only when o >= next_offset, and moves
-- next_offset forward in the same transaction as the ledger rows. A missing row reads as 0.
CREATE TABLE integration_cursors (
  integration_id uuid NOT NULL,
  topic text NOT NULL,
  partition int NOT NULL,
  next_offset bigint NOT NULL CHECK (next_offset >= 0),
  PRIMARY KEY (integration_id, topic, partition)
);

-- The delivery ledger: at most one delivery per (integration, response).
CREATE TABLE connector_deliveries (
  integration_id uuid NOT NULL,
  response_id uuid NOT NULL,
  state text NOT NULL CHECK (state IN ('claimed', 'delivered', 'failed')),
  attempts int NOT NULL,
  source_partition int NOT NULL,
  source_offset bigint NOT NULL,
  last_error text,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (integration_id, response_id)
);
CREATE INDEX connector_deliveries_by_position
  ON connector_deliveries (integration_id, source_partition, source_offset);
CREATE INDEX connector_deliveries_claimed
  ON connector_deliveries (integration_id) WHERE state = 'claimed';

-- What the runtime reports per integration; read by the API.
CREATE TABLE integration_status (
  integration_id uuid PRIMARY KEY,
  state text NOT NULL CHECK (state IN ('backfilling', 'live', 'paused', 'failing')),
  delivered_count bigint NOT NULL,
  dead_lettered_count bigint NOT NULL,
  lag bigint,
  oldest_undelivered_at timestamptz,
  last_error text,
  last_error_at timestamptz,
  backfill_done bigint,
  backfill_total bigint,
  updated_at timestamptz NOT NULL
);

-- An index of what went to collect.dlq.<type>, so the API can list and redrive per integration.
CREATE TABLE connector_dead_letters (
  dead_letter_id uuid PRIMARY KEY,
  integration_id uuid NOT NULL,
  response_id uuid NOT NULL,
  reason text NOT NULL,
  source_topic text,
  source_partition int,
  source_offset bigint,
  dlq_offset bigint,
  created_at timestamptz NOT NULL,
  redriven_at timestamptz
);
CREATE INDEX connector_dead_letters_by_integration
  ON connector_dead_letters (integration_id, created_at, dead_letter_id);

-- Token buckets shared by every replica of every connector (runtime only).
CREATE TABLE rate_limit_buckets (
  bucket text PRIMARY KEY,
  tokens double precision NOT NULL,
  updated_at timestamptz NOT NULL
);

-- Replay: delivers again, from the given offsets on, the responses of the given partitions of
-- `p_topic` to one integration. Moves the cursors (back or forward) and clears the ledger rows at
-- or after them, so the runtime's catch-up reader re-delivers that range in order. Returns the
-- number of ledger rows cleared. Call it in the transaction that records the replay request.
CREATE FUNCTION replay_integration(
  p_integration_id uuid,
  p_topic text,
  p_partitions int[],
  p_offsets bigint[]
) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  cleared bigint;
BEGIN
  IF coalesce(array_length(p_partitions, 1), 0) <> coalesce(array_length(p_offsets, 1), 0) THEN
    RAISE EXCEPTION 'replay_integration: % partitions but % offsets',
      array_length(p_partitions, 1), array_length(p_offsets, 1);
  END IF;
  INSERT INTO integration_cursors (integration_id, topic, partition, next_offset)
  SELECT p_integration_id, p_topic, t.partition, t.next_offset
  FROM unnest(p_partitions, p_offsets) AS t(partition, next_offset)
  ON CONFLICT (integration_id, topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset;
  DELETE FROM connector_deliveries d
  USING unnest(p_partitions, p_offsets) AS t(partition, next_offset)
  WHERE d.integration_id = p_integration_id
    AND d.source_partition = t.partition
    AND d.source_offset >= t.next_offset;
  GET DIAGNOSTICS cleared = ROW_COUNT;
  UPDATE integration_status SET backfill_done = NULL, backfill_total = NULL, updated_at = now()
  WHERE integration_id = p_integration_id;
  RETURN cleared;
END
$$;

-- Redrive: sends dead letters of one integration through again (all not yet redriven ones when
-- p_dead_letter_ids is NULL). Marks them redriven, deletes their ledger rows and moves the
-- integration's cursor back to the oldest redriven offset of each partition; the catch-up reader
-- then reads from there and delivers only what the ledger does not hold as delivered. Returns
-- the number of dead letters redriven.
CREATE FUNCTION redrive_dead_letters(
  p_integration_id uuid,
  p_dead_letter_ids uuid[] DEFAULT NULL
) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  redriven bigint;
BEGIN
  -- Data-modifying CTEs all run to completion against one snapshot.
  WITH marked AS (
    UPDATE connector_dead_letters
    SET redriven_at = now()
    WHERE integration_id = p_integration_id
      AND redriven_at IS NULL
      AND (p_dead_letter_ids IS NULL OR dead_letter_id = ANY (p_dead_letter_ids))
    RETURNING response_id, source_topic, source_partition, source_offset
  ),
  cleared AS (
    DELETE FROM connector_deliveries d
    USING marked m
    WHERE d.integration_id = p_integration_id AND d.response_id = m.response_id
    RETURNING 1
  ),
  moved AS (
    INSERT INTO integration_cursors (integration_id, topic, partition, next_offset)
    SELECT p_integration_id, m.source_topic, m.source_partition, min(m.source_offset)
    FROM marked m
    WHERE m.source_topic IS NOT NULL
      AND m.source_partition IS NOT NULL
      AND m.source_offset IS NOT NULL
    GROUP BY m.source_topic, m.source_partition
    ON CONFLICT (integration_id, topic, partition)
    DO UPDATE SET next_offset = least(integration_cursors.next_offset, EXCLUDED.next_offset)
    RETURNING 1
  )
  SELECT count(*) INTO redriven FROM marked;
  RETURN redriven;
END
$$;
