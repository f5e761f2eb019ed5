-- Where each connector type's live consumer group stands per partition of the responses topic
-- (checkpoint-as-data): moved by compare-and-set in the transaction that records the batch's
-- deliveries and cursors. Kafka's committed offsets are a copy for lag tooling. Runtime only.
-- An integration whose cursor is below its group's next_offset is served by the catch-up reader.
CREATE TABLE connector_offsets (
  group_id text NOT NULL,
  topic text NOT NULL,
  partition int NOT NULL,
  next_offset bigint NOT NULL CHECK (next_offset >= 0),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (group_id, topic, partition)
);
