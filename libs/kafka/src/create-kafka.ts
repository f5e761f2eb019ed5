import { type ISocketFactory, Kafka, type logCreator } from 'kafkajs';
import './request-queue-idle-fix';
import { kafkaLogLevelFor, nestKafkaLogCreator } from './kafka-logger';
import type { KafkaOptions } from './kafka-options';

/** Per-client extras on top of the app's KafkaOptions. */
export interface KafkaClientExtras {
  /** Opens the client's broker connections (see RevocableSockets). */
  readonly socketFactory?: ISocketFactory;
  /** While true the client logs nothing (e.g. a client given up on, failing its last retries). */
  readonly silenced?: () => boolean;
  /** Where the client's logs go instead of the Nest logger (e.g. from a worker thread). */
  readonly logCreator?: logCreator;
}

export function createKafka(options: KafkaOptions, extras: KafkaClientExtras = {}): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    // kafkajs' 1 s default is tight for a cold container; 3 s still fails fast when a broker is down.
    connectionTimeout: options.connectionTimeoutMs ?? 3_000,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    logLevel: kafkaLogLevelFor(options.logLevel ?? 'info'),
    logCreator: extras.silenced
      ? silenceable(extras.silenced, extras.logCreator)
      : (extras.logCreator ?? nestKafkaLogCreator),
    ...(extras.socketFactory ? { socketFactory: extras.socketFactory } : {}),
  });
}

function silenceable(silenced: () => boolean, inner = nestKafkaLogCreator): logCreator {
  return (level) => {
    const log = inner(level);
    return (entry) => {
      if (!silenced()) log(entry);
    };
  };
}

/**
 * Makes further kafkajs clients with the app's connection settings, for a part that needs
 * connections of its own (inject it by class; KafkaModule provides it).
 */
export class KafkaClients {
  /** The app's connection settings, e.g. for a worker thread that makes clients of its own. */
  constructor(readonly options: KafkaOptions) {}

  create(extras: KafkaClientExtras = {}): Kafka {
    return createKafka(this.options, extras);
  }
}
