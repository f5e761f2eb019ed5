import { formExamples } from '../form-examples';
import type { FormDetail, FormSummary } from './form-views';

/** OpenAPI examples of the forms read endpoints. */

const question = { ...formExamples.addQuestion.question, type: 'number' as const };

const definition = {
  title: 'Household budget survey',
  description: 'Ten questions about saving',
  questions: [question],
  rules: [],
};

const summary: FormSummary = {
  formId: formExamples.formId,
  title: 'Household budget survey',
  description: 'Ten questions about saving',
  status: 'published',
  version: 3,
  publishedVersion: 3,
  questionCount: 1,
  responseCount: 1289,
  createdAt: '2025-03-01T09:12:44.120Z',
  updatedAt: '2025-03-01T09:15:02.871Z',
};

const detail: FormDetail = {
  formId: summary.formId,
  title: summary.title,
  description: summary.description,
  status: summary.status,
  version: summary.version,
  publishedVersion: summary.publishedVersion,
  createdAt: summary.createdAt,
  updatedAt: summary.updatedAt,
  draft: definition,
  publishedDefinition: definition,
  counters: {
    responseCount: 1289,
    firstSubmittedAt: '2025-03-01T10:00:03.511Z',
    lastSubmittedAt: '2025-03-04T17:41:20.002Z',
  },
  versions: [
    {
      version: 1,
      type: 'FormCreated',
      eventId: '9d2c4b1a-7e6f-4a3b-8c9d-0e1f2a3b4c5d',
      occurredAt: '2025-03-01T09:12:44.120Z',
      change: { title: 'Household budget survey', description: 'Ten questions about saving' },
    },
    {
      version: 2,
      type: 'QuestionAdded',
      eventId: '4f1e7a2b-0c3d-4e5f-9a8b-7c6d5e4f3a2b',
      occurredAt: '2025-03-01T09:13:10.004Z',
      change: { question, position: 0 },
    },
    {
      version: 3,
      type: 'FormPublished',
      eventId: 'c0ffee00-1d2e-4f3a-8b9c-0d1e2f3a4b5c',
      occurredAt: '2025-03-01T09:15:02.871Z',
      change: { publishedVersion: 3 },
    },
  ],
  olderVersionsOmitted: false,
};

export const formQueryExamples = {
  formId: formExamples.formId,
  page: {
    items: [summary],
    nextCursor: 'eyJrIjoiZm9ybXMiLCJhdCI6IjIwMjUtMDMtMDFUMDk6MTI6NDQuMTIwMDAwWiIsImlkIjoiNmYwYyJ9',
  },
  detail,
} as const;
