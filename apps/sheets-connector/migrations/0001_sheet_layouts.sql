-- The column layout the connector owns, per target tab (spreadsheet + configured tab name): the
-- questionIds in column order after responseId and submittedAt (only ever appended to), the
-- titles the header row was last written with, the tab currently written (1 = the configured
-- name, n = "<name> (n)" after rolling over before the cell limit) and its last known row.
CREATE TABLE sheets_connector_layouts (
  spreadsheet_id text NOT NULL,
  sheet text NOT NULL,
  question_ids text[] NOT NULL,
  header_titles text[],
  tab_number int NOT NULL DEFAULT 1,
  tab_last_row int NOT NULL DEFAULT 0,
  note text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (spreadsheet_id, sheet)
);
