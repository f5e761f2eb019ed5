-- Idempotency-Key claims of response submission (apps/api/src/responses/idempotency). One row per
-- (organisation, key): the first request claims it (state pending, with a lease), publishes, and
-- stores its accepted outcome (state completed); retries return that outcome. response_id and
-- event_id are chosen at the claim, so a retry after an ambiguous failure republishes the same ids.
CREATE TABLE response_idempotency_keys (
  org_id text NOT NULL,
  idempotency_key text NOT NULL,
  fingerprint text NOT NULL,
  response_id uuid NOT NULL,
  event_id uuid NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'completed')),
  claim_token uuid NOT NULL,
  attempts integer NOT NULL DEFAULT 1,
  outcome jsonb,
  lease_until timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, idempotency_key)
);

CREATE INDEX response_idempotency_keys_by_expiry ON response_idempotency_keys (expires_at);
