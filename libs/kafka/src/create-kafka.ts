import { Kafka } from 'kafkajs';
import { kafkaLogLevelFor, nestKafkaLogCreator } from './kafka-logger';
import type { KafkaOptions } from './kafka-options';

export function createKafka(options: KafkaOptions): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    // kafkajs' 1 s default is tight for a cold container; 3 s still fails fast when a broker is down.
    connectionTimeout: options.connectionTimeoutMs ?? 3_000,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    logLevel: kafkaLogLevelFor(options.logLevel ?? 'info'),
    logCreator: nestKafkaLogCreator,
  });
}
