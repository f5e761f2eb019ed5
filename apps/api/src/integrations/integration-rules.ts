import type { Integration, IntegrationEventType } from '@collect/integrations';
import { isDeepStrictEqual } from 'node:util';

/** What a client asks of an existing integration; `expectedVersion` is optional except for updates. */
export type IntegrationCommand =
  | {
      readonly type: 'update';
      readonly expectedVersion: number;
      readonly name: string | null;
      /** The complete config to store (secrets already merged with the stored ones). */
      readonly config: Readonly<Record<string, unknown>>;
    }
  | { readonly type: 'pause'; readonly expectedVersion?: number }
  | { readonly type: 'resume'; readonly expectedVersion?: number }
  | { readonly type: 'detach'; readonly expectedVersion?: number }
  | { readonly type: 'replay'; readonly expectedVersion?: number };

export type IntegrationRuleCode = 'version_conflict' | 'integration_detached';

/** A command the integration's current state refuses (409). */
export class IntegrationRuleError extends Error {
  override readonly name = 'IntegrationRuleError';
  readonly retriable = false;

  constructor(
    readonly code: IntegrationRuleCode,
    message: string,
    readonly details: { readonly currentVersion: number; readonly expectedVersion?: number },
  ) {
    super(message);
  }
}

/** The integration after the command and the event that records it; null when nothing changes. */
export interface IntegrationChange {
  readonly next: Integration;
  readonly event: IntegrationEventType;
}

const eventOf: Readonly<Record<IntegrationCommand['type'], IntegrationEventType>> = {
  update: 'IntegrationUpdated',
  pause: 'IntegrationPaused',
  resume: 'IntegrationResumed',
  detach: 'IntegrationDetached',
  replay: 'IntegrationReplayRequested',
};

/**
 * Decides a command against the integration's current row. A stale `expectedVersion` is refused
 * first; a detached integration is final (detaching it again changes nothing); pausing a paused
 * or resuming an active one, and an update that changes nothing, are no-ops rather than errors,
 * so a retried command is safe. Every change bumps `version` by one.
 */
export function decideIntegrationChange(
  command: IntegrationCommand,
  current: Integration,
  now: Date,
): IntegrationChange | null {
  const { expectedVersion } = command;
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw new IntegrationRuleError(
      'version_conflict',
      `the integration is at version ${current.version}, not ${expectedVersion}; read it again and retry`,
      { currentVersion: current.version, expectedVersion },
    );
  }
  if (current.state === 'detached') {
    if (command.type === 'detach') return null;
    throw new IntegrationRuleError(
      'integration_detached',
      'the integration is detached; attach a new one instead',
      { currentVersion: current.version },
    );
  }
  const changed = changedFields(command, current, now);
  if (changed === null) return null;
  return {
    next: { ...current, ...changed, version: current.version + 1, updatedAt: now },
    event: eventOf[command.type],
  };
}

function changedFields(
  command: IntegrationCommand,
  current: Integration,
  now: Date,
): Partial<Integration> | null {
  switch (command.type) {
    case 'update':
      return command.name === current.name && isDeepStrictEqual(command.config, current.config)
        ? null
        : { name: command.name, config: command.config };
    case 'pause':
      return current.state === 'paused' ? null : { state: 'paused' };
    case 'resume':
      return current.state === 'active' ? null : { state: 'active' };
    case 'detach':
      return { state: 'detached', detachedAt: now };
    case 'replay':
      return {};
  }
}
