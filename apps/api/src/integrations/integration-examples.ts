import { formExamples } from '../forms/form-examples';
import { pendingStatus } from './integration-view';
import type { DeadLetterView, IntegrationView, RedriveView, ReplayView } from './integration-views';

/** OpenAPI examples of the integrations endpoints. */

const integrationId = '3b9f7c1e-2d4a-4e8b-9f6c-5a1d2e3f4b5c';

const config = {
  spreadsheetId: '1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms',
  sheetName: 'Responses',
  serviceAccountKey: '[redacted]',
};

const integration: IntegrationView = {
  integrationId,
  formId: formExamples.formId,
  type: 'google-sheets',
  name: 'Budget sheet',
  config,
  state: 'active',
  version: 1,
  backfill: true,
  attachedAt: '2025-03-04T09:00:00.000Z',
  updatedAt: '2025-03-04T09:00:00.000Z',
  detachedAt: null,
  status: {
    state: 'backfilling',
    deliveredCount: 6400,
    deadLetteredCount: 0,
    lag: 3600,
    oldestUndeliveredAt: '2025-03-01T10:00:03.511Z',
    oldestUndeliveredAgeSeconds: 255_596.5,
    lastError: null,
    lastErrorAt: null,
    backfill: { done: 6400, total: 10000, percent: 64, etaSeconds: 22.5 },
    note: 'continuing in tab "Responses (2)": "Responses" reached its cell limit',
    noteAt: '2025-03-04T09:00:31.207Z',
    updatedAt: '2025-03-04T09:00:40.000Z',
  },
};

const attached: IntegrationView = { ...integration, status: pendingStatus };

const replay: ReplayView = {
  integrationId,
  version: 4,
  from: '2025-03-04T00:00:00.000Z',
  topic: 'collect.responses.v1',
  positions: [
    { partition: 0, offset: '10412' },
    { partition: 1, offset: '9870' },
  ],
  clearedDeliveries: 1289,
};

const deadLetter: DeadLetterView = {
  deadLetterId: '7e57d004-2b6f-4c3a-9d1e-8f0a1b2c3d4e',
  responseId: '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  reason: 'permanent_failure: the spreadsheet was deleted',
  sourceTopic: 'collect.responses.v1',
  sourcePartition: 7,
  sourceOffset: '10433',
  dlqOffset: '12',
  createdAt: '2025-03-04T10:12:00.000Z',
  redrivenAt: null,
};

const redriven: RedriveView = { integrationId, redriven: 1 };

export const integrationExamples = {
  integrationId,
  formId: formExamples.formId,
  attach: {
    type: 'google-sheets',
    name: 'Budget sheet',
    config: { ...config, serviceAccountKey: '{"type":"service_account",…}' },
    backfill: true,
  },
  attached,
  integration,
  list: { items: [integration] },
  update: { expectedVersion: 1, name: 'Budget sheet (2025)', config },
  updated: { ...integration, name: 'Budget sheet (2025)', version: 2 },
  stateChange: { expectedVersion: 2 },
  paused: { ...integration, state: 'paused' as const, version: 3 },
  resumed: { ...integration, version: 4 },
  detached: {
    ...integration,
    state: 'detached' as const,
    version: 5,
    detachedAt: '2025-03-05T08:00:00.000Z',
  },
  replayRequest: { from: '2025-03-04T00:00:00Z' },
  replay,
  deadLetters: { items: [deadLetter], nextCursor: null },
  redriveRequest: { ids: [deadLetter.deadLetterId] },
  redriven,
} as const;
