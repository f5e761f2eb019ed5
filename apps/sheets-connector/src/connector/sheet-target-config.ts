/** One integration's config: which spreadsheet and tab, and which answers become columns. */
export interface SheetTargetConfig {
  readonly spreadsheetId: string;
  /** Tab name; rolled-over tabs are `<sheet> (2)`, `<sheet> (3)`, … */
  readonly sheet: string;
  /** questionIds to include; unset: every question answered. */
  readonly questions?: readonly string[];
  /** Header text per questionId (default: the questionId); a change rewrites the header row. */
  readonly columnTitles?: Readonly<Record<string, string>>;
}

export const sheetTargetConfigSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['spreadsheetId', 'sheet'],
  properties: {
    spreadsheetId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,200}$' },
    sheet: { type: 'string', minLength: 1, maxLength: 90, pattern: '^[^\\[\\]*?/\\\\:]+$' },
    questions: {
      type: 'array',
      items: { type: 'string', minLength: 1, maxLength: 200 },
      maxItems: 1000,
      uniqueItems: true,
    },
    columnTitles: {
      type: 'object',
      additionalProperties: { type: 'string', maxLength: 500 },
      maxProperties: 1000,
    },
  },
  additionalProperties: false,
} as const;
