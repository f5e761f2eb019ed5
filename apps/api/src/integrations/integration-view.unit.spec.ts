import type { Integration, IntegrationStatus } from '@collect/integrations';
import { integrationViewOf } from './integration-view';

const attachedAt = new Date('2025-03-01T09:00:00.000Z');
const integration: Integration = {
  integrationId: '3b9f7c1e-2d4a-4e8b-9f6c-5a1d2e3f4b5c',
  orgId: '0d7f6c1e-2d4a-4e8b-9f6c-5a1d2e3f4b5c',
  formId: '6f0c2d1e-2d4a-4e8b-9f6c-5a1d2e3f4b5c',
  type: 'twilio-sms',
  name: null,
  config: { from: '+4470', authToken: 'secret-token', nested: { apiKey: 'k' } },
  state: 'active',
  version: 1,
  backfill: true,
  attachedAt,
  updatedAt: attachedAt,
  detachedAt: null,
};
const status = (changes: Partial<IntegrationStatus>): IntegrationStatus => ({
  integrationId: integration.integrationId,
  state: 'backfilling',
  deliveredCount: 10n,
  deadLetteredCount: 0n,
  lag: 5n,
  oldestUndeliveredAt: null,
  lastError: null,
  lastErrorAt: null,
  backfillDone: null,
  backfillTotal: null,
  note: null,
  noteAt: null,
  updatedAt: new Date(attachedAt.getTime() + 20_000),
  ...changes,
});
const now = new Date(attachedAt.getTime() + 60_000);

describe('how an integration is shown', () => {
  it('redacts every secret path of its type', () => {
    const view = integrationViewOf(integration, ['/authToken', '/nested/apiKey'], undefined, now);
    expect(view.config).toEqual({
      from: '+4470',
      authToken: '[redacted]',
      nested: { apiKey: '[redacted]' },
    });
    expect(integration.config.authToken).toBe('secret-token');
  });

  it('redacts the whole config when its type is no longer registered, so no secret can leak', () => {
    const view = integrationViewOf(integration, undefined, undefined, now);
    expect(view.config).toEqual({
      from: '[redacted]',
      authToken: '[redacted]',
      nested: '[redacted]',
    });
  });

  it('reports pending until the runtime has written a status', () => {
    expect(integrationViewOf(integration, [], undefined, now).status).toMatchObject({
      state: 'pending',
      deliveredCount: 0,
      backfill: null,
      updatedAt: null,
    });
  });

  it('estimates the backfill ETA from the rate since the attach', () => {
    const view = integrationViewOf(
      integration,
      [],
      status({ backfillDone: 400n, backfillTotal: 1000n }),
      now,
    );
    expect(view.status.backfill).toEqual({ done: 400, total: 1000, percent: 40, etaSeconds: 30 });
  });

  it('has no ETA before anything is done, and 0 once everything is', () => {
    const before = integrationViewOf(
      integration,
      [],
      status({ backfillDone: 0n, backfillTotal: 9n }),
      now,
    );
    const after = integrationViewOf(
      integration,
      [],
      status({ backfillDone: 9n, backfillTotal: 9n }),
      now,
    );
    expect(before.status.backfill).toMatchObject({ percent: 0, etaSeconds: null });
    expect(after.status.backfill).toMatchObject({ percent: 100, etaSeconds: 0 });
  });

  it('gives the age of the oldest undelivered response', () => {
    const view = integrationViewOf(
      integration,
      [],
      status({ oldestUndeliveredAt: new Date(now.getTime() - 90_000) }),
      now,
    );
    expect(view.status.oldestUndeliveredAgeSeconds).toBe(90);
  });

  it("shows the connector's note and when it was made", () => {
    const noteAt = new Date(now.getTime() - 5_000);
    const text = 'continuing in tab "Responses (2)": "Responses" reached its cell limit';
    const view = integrationViewOf(integration, [], status({ note: text, noteAt }), now);
    expect(view.status).toMatchObject({ note: text, noteAt: noteAt.toISOString() });
    expect(integrationViewOf(integration, [], undefined, now).status.note).toBeNull();
  });
});
