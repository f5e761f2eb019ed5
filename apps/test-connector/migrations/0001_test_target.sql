-- The test target: a stand-in for a third-party API that counts what it receives. One row per
-- delivery received (a duplicate delivery is a second row), and a fault switch per integration.
CREATE TABLE test_target_deliveries (
  seq bigserial PRIMARY KEY,
  integration_id uuid NOT NULL,
  response_id uuid NOT NULL,
  form_id uuid NOT NULL,
  source_partition int NOT NULL,
  source_offset bigint NOT NULL,
  received_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX test_target_deliveries_by_response ON test_target_deliveries (integration_id, response_id);

-- mode: 'unavailable' (retry later, like a 503), 'unreachable' (throws a retriable error, like a
-- network failure), 'rate-limited' (retry later after retry_after_ms, like a 429), 'reject'
-- (refuses the responses in reject_response_ids for good, like a 400; all of them when NULL).
CREATE TABLE test_target_faults (
  integration_id uuid PRIMARY KEY,
  mode text NOT NULL CHECK (mode IN ('unavailable', 'unreachable', 'rate-limited', 'reject')),
  reject_response_ids uuid[],
  retry_after_ms int
);
