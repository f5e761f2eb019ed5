import { EventSerde } from '@collect/events';
import { KafkaClients } from '@collect/kafka';
import { type DynamicModule, Module } from '@nestjs/common';
import { Pool } from 'pg';
import { EVENTS_OPTIONS, FormsView, type ResolvedEventsOptions } from '../events';
import { IdempotencyCleanup } from './idempotency/idempotency-cleanup';
import { defaultIdempotencyTimings, IdempotencyStore } from './idempotency/idempotency-store';
import { ResponseSubmitter } from './response-submitter';
import { ResponsesController } from './responses.controller';
import { SubmissionRoute } from './submission-route';
import { SubmissionThread } from './submission-thread/submission-thread';
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
        {
          provide: IdempotencyStore,
          inject: [Pool],
          useFactory: (pool: Pool) =>
            new IdempotencyStore(pool, { ...defaultIdempotencyTimings, ...options.idempotency }),
        },
        IdempotencyCleanup,
        SubmissionRoute,
        {
          provide: SubmissionThread,
          inject: [KafkaClients, EventSerde, EVENTS_OPTIONS],
          useFactory: (kafka: KafkaClients, serde: EventSerde, events: ResolvedEventsOptions) =>
            new SubmissionThread(kafka.options, {
              schemaIds: [['ResponseSubmitted', serde.schemaIdOf('ResponseSubmitted')]],
              topics: events.topics,
              partitions: events.partitions,
              retryAfterSeconds: events.retryAfterSeconds,
              publishTimeoutMs: events.publishTimeoutMs,
              lingerMs: options.lingerMs,
              maxBatchMessages: options.maxBatchMessages,
              maxBatchBytes: options.maxBatchBytes,
            }),
        },
        {
          provide: ResponseSubmitter,
          inject: [FormsView, SubmissionThread, IdempotencyStore, EVENTS_OPTIONS],
          useFactory: (
            forms: FormsView,
            pipeline: SubmissionThread,
            claims: IdempotencyStore,
            events: ResolvedEventsOptions,
          ) =>
            new ResponseSubmitter(forms, pipeline, claims, {
              retryAfterSeconds: events.retryAfterSeconds,
            }),
        },
      ],
    };
  }
}
