import { integrationEventMessage, parseIntegrationEvent } from './integration-event-codec';
import type { IntegrationAttached } from './integration-events';

const attached: IntegrationAttached = {
  type: 'IntegrationAttached',
  schemaVersion: 1,
  eventId: '0b7c3a6e-3f50-4b7a-9a57-1d1f5a0e9c11',
  integrationId: '7d1f3f7a-2a35-4c61-8f0e-2b6f1f0a4e21',
  formId: 'c2a9d0a4-79b8-4a8f-9d2a-8f7a3b1e5d31',
  orgId: 'e5b8f4c2-1d3a-4f6b-8c9d-0a1b2c3d4e41',
  connectorType: 'google-sheets',
  version: 1,
  occurredAt: '2025-01-02T03:04:05.000Z',
  name: 'Sheet',
  config: { spreadsheetId: 'x', authToken: '[redacted]' },
  backfill: true,
  state: 'active',
};

describe('integration event codec', () => {
  it('round-trips an event keyed by its form, with type and trace headers', () => {
    const message = integrationEventMessage(attached, { traceparent: 'tp' });
    expect(message.key).toBe(attached.formId);
    expect(message.headers).toMatchObject({
      'event-type': 'IntegrationAttached',
      'content-type': 'application/json',
      traceparent: 'tp',
    });
    expect(parseIntegrationEvent(message.value)).toEqual(attached);
  });

  it('refuses values that are not integration events, without retrying', () => {
    for (const value of [null, 'not json', '[]', JSON.stringify({ ...attached, type: 'X' })]) {
      expect(errorOf(() => parseIntegrationEvent(value))).toMatchObject({
        code: 'malformed_integration_event',
        retriable: false,
      });
    }
    expect(() => parseIntegrationEvent(JSON.stringify({ ...attached, formId: 1 }))).toThrow(
      /formId/,
    );
  });
});

function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
