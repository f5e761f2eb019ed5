-- Organisations and their API keys. Only a SHA-256 of each key's secret is stored; the key
-- itself is shown once, when it is created.
CREATE TABLE organisations (
  org_id uuid PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
  key_id text PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organisations (org_id),
  name text NOT NULL,
  scopes text[] NOT NULL,
  secret_sha256 bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

CREATE INDEX api_keys_by_org ON api_keys (org_id, created_at);
