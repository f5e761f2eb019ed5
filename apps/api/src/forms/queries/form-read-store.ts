import { Injectable } from '@nestjs/common';
import {
  encodeCursor,
  isoMicros,
  isoMillis,
  pageOf,
  ReadModelDb,
  SqlParams,
  type KeysetPosition,
  type Page,
} from '../../read-model';
import type { FormDetail, FormSummary, FormVersion } from './form-views';

/** The newest versions a form's detail lists. */
export const VERSION_HISTORY_LIMIT = 500;

export interface FormListFilter {
  readonly limit: number;
  readonly after?: KeysetPosition;
  readonly status?: FormSummary['status'];
}

interface FormRow {
  form_id: string;
  title: string;
  description: string | null;
  status: FormSummary['status'];
  version: number;
  published_version: number | null;
  created_at: string;
  updated_at: string;
  response_count: string;
}

interface SummaryRow extends FormRow {
  question_count: number;
  cursor_at: string;
}

interface DetailRow extends FormRow {
  draft: FormDetail['draft'];
  published_definition: FormDetail['publishedDefinition'];
  first_submitted_at: string | null;
  last_submitted_at: string | null;
}

interface VersionRow {
  version: number;
  event_type: string;
  event_id: string;
  occurred_at: string;
  change: Record<string, unknown>;
}

const FORM_COLUMNS = `f.form_id, f.title, f.description, f.status, f.version, f.published_version,
  ${isoMillis('f.created_at')} AS created_at, ${isoMillis('f.updated_at')} AS updated_at,
  COALESCE(c.response_count, 0)::text AS response_count`;
const WITH_COUNTERS = `read_model.forms f
  LEFT JOIN read_model.form_counters c ON c.form_id = f.form_id AND c.org_id = f.org_id`;

/** An organisation's forms from the read model; another organisation's form is never returned. */
@Injectable()
export class FormReadStore {
  constructor(private readonly db: ReadModelDb) {}

  /** In creation order, keyset-paginated on (created_at, form_id). */
  async list(orgId: string, filter: FormListFilter): Promise<Page<FormSummary>> {
    const params = new SqlParams();
    const where = [`f.org_id = ${params.add(orgId)}`];
    if (filter.status) where.push(`f.status = ${params.add(filter.status)}`);
    if (filter.after) {
      where.push(
        `(f.created_at, f.form_id) > (${params.add(filter.after.at)}::timestamptz, ${params.add(filter.after.id)}::uuid)`,
      );
    }
    const rows = await this.db.rows<SummaryRow>(
      `SELECT ${FORM_COLUMNS}, jsonb_array_length(f.draft -> 'questions') AS question_count,
              ${isoMicros('f.created_at')} AS cursor_at
         FROM ${WITH_COUNTERS}
        WHERE ${where.join(' AND ')}
        ORDER BY f.created_at, f.form_id
        LIMIT ${params.add(filter.limit + 1)}`,
      params.values,
    );
    return pageOf(rows, filter.limit, summaryOf, (row) =>
      encodeCursor('forms', { at: row.cursor_at, id: row.form_id }),
    );
  }

  /** The form with its counters and version history, or undefined (unknown or another org's). */
  async find(orgId: string, formId: string): Promise<FormDetail | undefined> {
    const [row] = await this.db.rows<DetailRow>(
      `SELECT ${FORM_COLUMNS}, f.draft, f.published_definition,
              ${isoMillis('c.first_submitted_at')} AS first_submitted_at,
              ${isoMillis('c.last_submitted_at')} AS last_submitted_at
         FROM ${WITH_COUNTERS}
        WHERE f.form_id = $1 AND f.org_id = $2`,
      [formId, orgId],
    );
    if (row === undefined) return undefined;
    const versions = await this.db.rows<VersionRow>(
      `SELECT version, event_type, event_id, ${isoMillis('occurred_at')} AS occurred_at, change
         FROM read_model.form_versions
        WHERE form_id = $1
        ORDER BY version DESC
        LIMIT $2`,
      [formId, VERSION_HISTORY_LIMIT + 1],
    );
    return detailOf(row, versions);
  }
}

function summaryOf(row: SummaryRow): FormSummary {
  return {
    ...commonOf(row),
    questionCount: row.question_count,
    responseCount: Number(row.response_count),
  };
}

function detailOf(row: DetailRow, newestFirst: readonly VersionRow[]): FormDetail {
  return {
    ...commonOf(row),
    draft: row.draft,
    publishedDefinition: row.published_definition,
    counters: {
      responseCount: Number(row.response_count),
      firstSubmittedAt: row.first_submitted_at,
      lastSubmittedAt: row.last_submitted_at,
    },
    versions: newestFirst.slice(0, VERSION_HISTORY_LIMIT).reverse().map(versionOf),
    olderVersionsOmitted: newestFirst.length > VERSION_HISTORY_LIMIT,
  };
}

function commonOf(row: FormRow) {
  return {
    formId: row.form_id,
    title: row.title,
    description: row.description,
    status: row.status,
    version: row.version,
    publishedVersion: row.published_version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function versionOf(row: VersionRow): FormVersion {
  return {
    version: row.version,
    type: row.event_type,
    eventId: row.event_id,
    occurredAt: row.occurred_at,
    change: row.change,
  };
}
