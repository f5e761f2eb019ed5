import { type ISocketFactory, Kafka } from 'kafkajs';
import { kafkaLogLevelFor, nestKafkaLogCreator } from './kafka-logger';
import type { KafkaOptions } from './kafka-options';

/** Per-client extras on top of the app's KafkaOptions. */
export interface KafkaClientExtras {
  /** Opens the client's broker connections (see RevocableSockets). */
  readonly socketFactory?: ISocketFactory;
}

export function createKafka(options: KafkaOptions, extras: KafkaClientExtras = {}): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    // kafkajs' 1 s default is tight for a cold container; 3 s still fails fast when a broker is down.
    connectionTimeout: options.connectionTimeoutMs ?? 3_000,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    logLevel: kafkaLogLevelFor(options.logLevel ?? 'info'),
    logCreator: nestKafkaLogCreator,
    ...(extras.socketFactory ? { socketFactory: extras.socketFactory } : {}),
  });
}

/**
 * Makes further kafkajs clients with the app's connection settings, for a part that needs
 * connections of its own (inject it by class; KafkaModule provides it).
 */
export class KafkaClients {
  constructor(private readonly options: KafkaOptions) {}

  create(extras: KafkaClientExtras = {}): Kafka {
    return createKafka(this.options, extras);
  }
}
