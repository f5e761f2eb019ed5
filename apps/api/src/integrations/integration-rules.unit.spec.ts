import type { Integration } from '@collect/integrations';
import { decideIntegrationChange, IntegrationRuleError } from './integration-rules';

const attachedAt = new Date('2025-03-01T09:00:00.000Z');
const now = new Date('2025-03-02T09:00:00.000Z');

const given = (changes: Partial<Integration> = {}): Integration => ({
  integrationId: '3b9f7c1e-2d4a-4e8b-9f6c-5a1d2e3f4b5c',
  orgId: '0d7f6c1e-2d4a-4e8b-9f6c-5a1d2e3f4b5c',
  formId: '6f0c2d1e-2d4a-4e8b-9f6c-5a1d2e3f4b5c',
  type: 'google-sheets',
  name: 'Sheet',
  config: { spreadsheetId: 'abc', token: 'secret' },
  state: 'active',
  version: 3,
  backfill: false,
  attachedAt,
  updatedAt: attachedAt,
  detachedAt: null,
  ...changes,
});

function refusal(run: () => unknown): IntegrationRuleError {
  try {
    run();
  } catch (error) {
    if (error instanceof IntegrationRuleError) return error;
    throw error;
  }
  throw new Error('expected the command to be refused');
}

describe('deciding changes to an integration', () => {
  it('bumps the version by one and stamps the time on every change', () => {
    const change = decideIntegrationChange({ type: 'pause', expectedVersion: 3 }, given(), now);
    expect(change).toEqual({
      next: given({ state: 'paused', version: 4, updatedAt: now }),
      event: 'IntegrationPaused',
    });
  });

  it('refuses a stale expectedVersion with the current version, before anything else', () => {
    const error = refusal(() =>
      decideIntegrationChange(
        { type: 'resume', expectedVersion: 2 },
        given({ state: 'detached' }),
        now,
      ),
    );
    expect(error.code).toBe('version_conflict');
    expect(error.details).toEqual({ currentVersion: 3, expectedVersion: 2 });
  });

  it('treats pausing a paused and resuming an active integration as no-ops, so retries are safe', () => {
    expect(decideIntegrationChange({ type: 'pause' }, given({ state: 'paused' }), now)).toBeNull();
    expect(decideIntegrationChange({ type: 'resume' }, given(), now)).toBeNull();
  });

  it('resumes a paused integration', () => {
    const change = decideIntegrationChange({ type: 'resume' }, given({ state: 'paused' }), now);
    expect(change?.next.state).toBe('active');
    expect(change?.event).toBe('IntegrationResumed');
  });

  it('keeps a detached integration final: detaching again changes nothing, anything else is refused', () => {
    const detached = given({ state: 'detached', detachedAt: attachedAt });
    expect(decideIntegrationChange({ type: 'detach' }, detached, now)).toBeNull();
    for (const type of ['pause', 'resume', 'replay'] as const) {
      expect(refusal(() => decideIntegrationChange({ type }, detached, now)).code).toBe(
        'integration_detached',
      );
    }
  });

  it('records when it was detached', () => {
    const change = decideIntegrationChange({ type: 'detach' }, given(), now);
    expect(change?.next).toMatchObject({ state: 'detached', detachedAt: now, version: 4 });
    expect(change?.event).toBe('IntegrationDetached');
  });

  it('updates name and config, and treats an update that changes nothing as a no-op', () => {
    const same = { type: 'update' as const, expectedVersion: 3, name: 'Sheet' };
    expect(
      decideIntegrationChange(
        { ...same, config: { token: 'secret', spreadsheetId: 'abc' } },
        given(),
        now,
      ),
    ).toBeNull();
    const change = decideIntegrationChange(
      { ...same, name: 'Renamed', config: { spreadsheetId: 'xyz', token: 'secret' } },
      given(),
      now,
    );
    expect(change?.next).toMatchObject({ name: 'Renamed', config: { spreadsheetId: 'xyz' } });
    expect(change?.event).toBe('IntegrationUpdated');
  });

  it('always records a replay of a live integration as a change', () => {
    const change = decideIntegrationChange({ type: 'replay' }, given({ state: 'paused' }), now);
    expect(change?.next).toMatchObject({ state: 'paused', version: 4 });
    expect(change?.event).toBe('IntegrationReplayRequested');
  });
});
