-- A connector's note about an integration: something a person should know that is neither an
-- error nor a count, e.g. the Sheets connector continuing in tab "Responses (2)" before the cell
-- limit. The latest note replaces the previous one; note_at is when the connector made it.
ALTER TABLE integration_status
  ADD COLUMN note text,
  ADD COLUMN note_at timestamptz;
