-- The read-model tables of one generation. Applied with search_path set to the generation's
-- schema (projection_g<N>), so names here are unqualified. The API reads them through the
-- read_model.* views; the contract is in apps/projector/README.md.

CREATE TABLE forms (
  form_id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  title text NOT NULL,
  description text,
  status text NOT NULL CHECK (status IN ('draft', 'published', 'closed')),
  version integer NOT NULL,
  published_version integer,
  draft jsonb NOT NULL,
  published_definition jsonb,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
-- An organisation's forms, keyset-paginated by creation time.
CREATE INDEX forms_by_org ON forms (org_id, created_at, form_id);

CREATE TABLE form_versions (
  form_id uuid NOT NULL,
  version integer NOT NULL,
  event_type text NOT NULL,
  event_id uuid NOT NULL,
  occurred_at timestamptz NOT NULL,
  change jsonb NOT NULL,
  PRIMARY KEY (form_id, version)
);

CREATE TABLE questions (
  form_id uuid NOT NULL,
  question_id text NOT NULL,
  position integer,
  type text NOT NULL,
  title text NOT NULL,
  required boolean NOT NULL,
  constraints jsonb NOT NULL,
  added_version integer NOT NULL,
  removed_version integer,
  PRIMARY KEY (form_id, question_id)
);

CREATE TABLE responses (
  response_id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  form_id uuid NOT NULL,
  form_version integer NOT NULL,
  form_seq bigint NOT NULL,
  submitted_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  source text NOT NULL,
  locale text,
  hidden_fields jsonb NOT NULL,
  idempotency_key text,
  event_id uuid NOT NULL,
  kafka_partition integer NOT NULL,
  kafka_offset bigint NOT NULL,
  UNIQUE (form_id, form_seq)
);
-- A form's responses, keyset-paginated and filtered by submission time.
CREATE INDEX responses_by_form_submitted ON responses (form_id, submitted_at, response_id);

CREATE TABLE answers (
  response_id uuid NOT NULL,
  form_id uuid NOT NULL,
  question_id text NOT NULL,
  value_text text,
  value_number double precision,
  value_boolean boolean,
  value_date date,
  value_choices text[],
  PRIMARY KEY (response_id, question_id)
);
-- Filtering and sorting a form's responses by a numeric or date answer.
CREATE INDEX answers_by_number ON answers (form_id, question_id, value_number)
  WHERE value_number IS NOT NULL;
CREATE INDEX answers_by_date ON answers (form_id, question_id, value_date)
  WHERE value_date IS NOT NULL;

CREATE TABLE form_counters (
  form_id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  response_count bigint NOT NULL,
  first_submitted_at timestamptz,
  last_submitted_at timestamptz
);

-- The checkpoint: the next offset to apply per topic-partition, written in the same transaction
-- as the rows it covers (compare-and-set on next_offset).
CREATE TABLE offsets (
  topic text NOT NULL,
  partition integer NOT NULL,
  next_offset bigint NOT NULL CHECK (next_offset >= 0),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (topic, partition)
);
