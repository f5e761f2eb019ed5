import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { EventSerde } from '@collect/events';
import { type DynamicModule, Module } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { EventPublisher } from './event-publisher';
import {
  EVENTS_OPTIONS,
  resolveEventsOptions,
  type EventsModuleOptions,
  type ResolvedEventsOptions,
} from './events-options';
import { FormsView } from './forms-view/forms-view';
import { FormsViewReadinessProbe } from './forms-view/forms-view.probe';
import { prepareEvents } from './prepare-events';

/**
 * The API's event infrastructure (global): at start creates the event topics and registers every
 * schema (bounded; start fails saying what is unreachable), then provides the `EventSerde`, the
 * `EventPublisher` and the `FormsView` with its `forms-view` readiness probe. Needs KafkaModule
 * and HealthModule.
 */
@Module({})
export class EventsModule {
  static forRoot(options: EventsModuleOptions = {}): DynamicModule {
    return {
      module: EventsModule,
      global: true,
      providers: [
        { provide: EVENTS_OPTIONS, useValue: resolveEventsOptions(options) },
        {
          provide: EventSerde,
          inject: [Kafka, SchemaRegistry, EVENTS_OPTIONS],
          useFactory: async (
            kafka: Kafka,
            registry: SchemaRegistry,
            resolved: ResolvedEventsOptions,
          ): Promise<EventSerde> => {
            const serde = new EventSerde(registry);
            await prepareEvents(kafka, serde, resolved);
            return serde;
          },
        },
        EventPublisher,
        FormsView,
        FormsViewReadinessProbe,
      ],
      exports: [EVENTS_OPTIONS, EventSerde, EventPublisher, FormsView],
    };
  }
}
