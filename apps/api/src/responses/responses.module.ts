import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { Pool } from 'pg';
import { EVENTS_OPTIONS, FormsView, type ResolvedEventsOptions } from '../events';
import { RuleEngine } from './domain';
import { IdempotencyCleanup } from './idempotency/idempotency-cleanup';
import { defaultIdempotencyTimings, IdempotencyStore } from './idempotency/idempotency-store';
import { ResponseEventSink } from './response-event-sink';
import { ResponseSubmitter } from './response-submitter';
import { ResponsesController } from './responses.controller';
import { SubmissionRoute } from './submission-route';
import { RESPONSES_OPTIONS, type ResponsesModuleOptions } from './responses-options';

/**
 * Response submission over HTTP. Needs EventsModule (FormsView, EventSerde, topics), DatabaseModule
 * (Idempotency-Keys; table from migration 0005) and AuthModule, all global.
 */
@Module({})
export class ResponsesModule {
  static forRoot(options: ResponsesModuleOptions = {}): DynamicModule {
    return {
      module: ResponsesModule,
      controllers: [ResponsesController],
      providers: [
        { provide: RESPONSES_OPTIONS, useValue: options },
        ResponseEventSink,
        {
          provide: IdempotencyStore,
          inject: [Pool],
          useFactory: (pool: Pool) =>
            new IdempotencyStore(pool, { ...defaultIdempotencyTimings, ...options.idempotency }),
        },
        IdempotencyCleanup,
        SubmissionRoute,
        {
          provide: ResponseSubmitter,
          inject: [FormsView, ResponseEventSink, IdempotencyStore, EVENTS_OPTIONS],
          useFactory: (
            forms: FormsView,
            events: ResponseEventSink,
            claims: IdempotencyStore,
            eventsOptions: ResolvedEventsOptions,
          ) => {
            const logger = new Logger('ResponseValidation');
            const ruleEngine = new RuleEngine({
              onDefinitionProblem: (problem) =>
                logger.warn({
                  msg: 'a published form has a rule or pattern that cannot be enforced',
                  ...problem,
                }),
            });
            return new ResponseSubmitter(forms, events, claims, ruleEngine, {
              retryAfterSeconds: eventsOptions.retryAfterSeconds,
            });
          },
        },
      ],
    };
  }
}
