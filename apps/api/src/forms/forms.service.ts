import type { FormEvent } from '@collect/events';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Pool } from 'pg';
import { randomUUID } from 'node:crypto';
import {
  EVENTS_OPTIONS,
  EventPublisher,
  FormsView,
  type EventPosition,
  type ResolvedEventsOptions,
} from '../events';
import {
  decide,
  evolve,
  formExists,
  isFormError,
  type ExistingForm,
  type FormCommand,
  type FormState,
} from './domain';
import { commandResult, type FormCommandResult } from './form-command-result';
import { withFormLock } from './form-lock';
import { formProblem } from './form-problems';

/** Builds the command from the form's current state (PATCH merges with it); most ignore it. */
export type CommandFor = (state: FormState) => FormCommand;

/**
 * Runs form commands, correct across API replicas: under the form's Postgres advisory lock it
 * catches the forms view up with Kafka, decides against that state, publishes the events, waits
 * until the local view applied them (read-your-writes), then releases the lock. A Kafka or
 * database failure answers 503 and records nothing; a rejected command answers its FormError's
 * problem (404/409/422).
 */
@Injectable()
export class FormsService {
  private readonly logger = new Logger('FormsService');

  constructor(
    private readonly pool: Pool,
    private readonly view: FormsView,
    private readonly publisher: EventPublisher,
    @Inject(EVENTS_OPTIONS) private readonly options: ResolvedEventsOptions,
  ) {}

  /** Creates a form with a new id in the caller's organisation. */
  create(
    orgId: string,
    details: { readonly title: string; readonly description: string | null },
  ): Promise<FormCommandResult> {
    const formId = randomUUID();
    return this.execute(orgId, formId, () => ({ type: 'CreateForm', formId, ...details }));
  }

  execute(orgId: string, formId: string, commandFor: CommandFor): Promise<FormCommandResult> {
    const lockOptions = {
      lockTimeoutMs: this.options.catchUpTimeoutMs + this.options.publishTimeoutMs,
      retryAfterSeconds: this.options.retryAfterSeconds,
    };
    return withFormLock(this.pool, formId, lockOptions, async () => {
      await this.view.catchUp();
      const before = this.view.get(formId);
      const events = this.decide(orgId, commandFor(before));
      const positions = await this.publisher.publish(events);
      return commandResult(await this.applied(before, events, positions), events, positions);
    });
  }

  /**
   * The form once the local view applied the events. Kafka has acknowledged them, so the command
   * succeeded: should the view lag past its deadline, answer from the events themselves rather
   * than claim (with a 503) that nothing happened. The next command catches up under the lock.
   */
  private async applied(
    before: FormState,
    events: readonly FormEvent[],
    positions: readonly EventPosition[],
  ): Promise<ExistingForm> {
    const formId = events[0]!.formId;
    try {
      await this.view.waitFor(positions[positions.length - 1]!);
      const form = this.view.get(formId);
      if (formExists(form)) return form;
    } catch (error) {
      this.logger.warn({
        msg: 'the forms view lags behind an acknowledged command',
        formId,
        err: error,
      });
    }
    const folded = events.reduce(evolve, before);
    if (!formExists(folded)) throw new Error(`form ${formId} does not exist after its own events`);
    return folded;
  }

  private decide(orgId: string, command: FormCommand): readonly FormEvent[] {
    try {
      return decide(command, this.view.get(command.formId), {
        now: Date.now(),
        newEventId: randomUUID,
        orgId,
      });
    } catch (error) {
      if (isFormError(error)) throw formProblem(error);
      throw error;
    }
  }
}
