-- The projector's meta schema: which generation schema (projection_g<N>) serves reads.
-- A rebuild adds a 'building' generation, fills it from offset zero and switches it to 'live';
-- the old one becomes 'retired'. The API reads only read_model.* (views over the live
-- generation, recreated by the projector at start and in the switch-over transaction).
CREATE SCHEMA IF NOT EXISTS projection;
CREATE SCHEMA IF NOT EXISTS read_model;

CREATE TABLE projection.generations (
  generation integer PRIMARY KEY CHECK (generation > 0),
  schema_name text NOT NULL UNIQUE CHECK (schema_name = 'projection_g' || generation),
  state text NOT NULL CHECK (state IN ('building', 'live', 'retired')),
  created_at timestamptz NOT NULL DEFAULT now(),
  switched_at timestamptz
);

-- Exactly one live generation at a time.
CREATE UNIQUE INDEX generations_one_live ON projection.generations ((true)) WHERE state = 'live';

-- Generation 1 is live from the start; its tables come from the generation migrations, which the
-- projector applies into every non-retired generation schema after these meta migrations.
CREATE SCHEMA IF NOT EXISTS projection_g1;
INSERT INTO projection.generations (generation, schema_name, state, switched_at)
VALUES (1, 'projection_g1', 'live', now());
