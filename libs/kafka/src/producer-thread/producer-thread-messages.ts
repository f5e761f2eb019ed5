import type { ProducerBatch, RecordMetadata } from 'kafkajs';
import type { KafkaOptions } from '../kafka-options';

/**
 * The settings of a producer on the thread: the cloneable part of kafkajs' ProducerConfig. No
 * partitioner: messages sent through the thread name their partition.
 */
export interface ThreadProducerConfig {
  readonly idempotent?: boolean;
  readonly maxInFlightRequests?: number;
  readonly allowAutoTopicCreation?: boolean;
  readonly retry?: {
    readonly retries?: number;
    readonly initialRetryTime?: number;
    readonly maxRetryTime?: number;
  };
}

/** What the thread is started with (worker_threads `workerData`). */
export interface ProducerThreadData {
  readonly kafka: KafkaOptions;
}

/** An error crossing the thread boundary: what produceErrorFrom-style classifiers read. */
export interface WireError {
  readonly name: string;
  readonly message: string;
  /** kafkajs' protocol error type, e.g. MESSAGE_TOO_LARGE. */
  readonly type?: string;
  readonly retriable?: boolean;
  readonly cause?: WireError;
}

export type ThreadRequest =
  | {
      readonly op: 'connect';
      readonly call: number;
      readonly producerId: number;
      readonly config: ThreadProducerConfig;
    }
  | {
      readonly op: 'send';
      readonly call: number;
      readonly producerId: number;
      readonly batch: ProducerBatch;
    }
  | { readonly op: 'disconnect'; readonly call: number; readonly producerId: number };

export type ThreadReply =
  | { readonly kind: 'done'; readonly call: number; readonly metadata?: RecordMetadata[] }
  | { readonly kind: 'failed'; readonly call: number; readonly error: WireError }
  | {
      readonly kind: 'log';
      readonly level: number;
      readonly namespace: string;
      readonly log: Record<string, unknown>;
    };

const maxCauseDepth = 5;

export function errorToWire(error: unknown, depth = 0): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { type, retriable, cause } = error as {
    type?: unknown;
    retriable?: unknown;
    cause?: unknown;
  };
  return {
    name: error.name,
    message: error.message,
    ...(typeof type === 'string' ? { type } : {}),
    ...(typeof retriable === 'boolean' ? { retriable } : {}),
    ...(cause !== undefined && depth < maxCauseDepth
      ? { cause: errorToWire(cause, depth + 1) }
      : {}),
  };
}

export function errorFromWire(wire: WireError): Error {
  const error = new Error(wire.message, wire.cause ? { cause: errorFromWire(wire.cause) } : {});
  error.name = wire.name;
  if (wire.type !== undefined) Object.assign(error, { type: wire.type });
  if (wire.retriable !== undefined) Object.assign(error, { retriable: wire.retriable });
  return error;
}
