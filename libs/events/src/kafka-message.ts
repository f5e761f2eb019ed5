import { context as otelContext, type Context } from '@opentelemetry/api';
import type { Message } from 'kafkajs';
import type { CollectEvent } from './collect-event';
import { keyOf, topicOf } from './contracts/collect-contracts';
import { eventHeaders } from './headers/event-headers';
import type { TraceHeaders } from './headers/trace-context';
import type { EventSerde } from './serde/event-serde';

export interface EventMessage {
  readonly topic: string;
  readonly message: Message;
}

/** Topic, key, Avro value and headers of an event: what a producer passes to kafkajs `send`. */
export function eventMessage(
  serde: EventSerde,
  event: CollectEvent,
  context: Context | TraceHeaders = otelContext.active(),
): EventMessage {
  return {
    topic: topicOf(event),
    message: {
      key: keyOf(event),
      value: serde.encode(event),
      headers: eventHeaders(event, context),
    },
  };
}
