// The entry of the Kafka producer thread (see producer-thread.ts): kafkajs producers whose
// encoding, socket writes and response parsing run off the main thread.
// First: it swaps kafkajs' Encoder before any kafkajs module loads it.
import './lean-kafkajs-encoder';
import { Partitioners, type Producer, type ProducerBatch } from 'kafkajs';
import { parentPort, workerData } from 'node:worker_threads';
import { createKafka } from '../create-kafka';
import {
  errorToWire,
  type ProducerThreadData,
  type ThreadReply,
  type ThreadRequest,
} from './producer-thread-messages';

const port = parentPort!;
const { kafka: options } = workerData as ProducerThreadData;
const reply = (message: ThreadReply): void => port.postMessage(message);

const kafka = createKafka(options, {
  // Logged on the main thread, where the app's logger lives.
  logCreator:
    () =>
    ({ namespace, level, log }) =>
      reply({ kind: 'log', level, namespace, log: { ...log } }),
});
const producers = new Map<number, Producer>();

/** Cloning turned Buffers into Uint8Arrays; kafkajs writes only Buffers (or strings) as bytes. */
function asBuffer<T>(value: T): T | Buffer {
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) {
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
  return value;
}

function restoreBuffers(batch: ProducerBatch): ProducerBatch {
  for (const { messages } of batch.topicMessages ?? []) {
    for (const message of messages) {
      message.key = asBuffer(message.key);
      message.value = asBuffer(message.value);
      const headers = message.headers ?? {};
      for (const [name, value] of Object.entries(headers)) headers[name] = asBuffer(value);
    }
  }
  return batch;
}

async function handle(request: ThreadRequest): Promise<ThreadReply> {
  switch (request.op) {
    case 'connect': {
      const { retry, ...config } = request.config;
      const producer = kafka.producer({
        ...config,
        ...(retry ? { retry: { ...retry } } : {}),
        // Unused (every message names its partition); set so kafkajs does not warn about its default.
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      producers.set(request.producerId, producer);
      await producer.connect();
      return { kind: 'done', call: request.call };
    }
    case 'send': {
      const producer = producers.get(request.producerId);
      if (!producer) throw new Error(`producer ${request.producerId} is not connected`);
      const metadata = await producer.sendBatch(restoreBuffers(request.batch));
      return { kind: 'done', call: request.call, metadata };
    }
    case 'disconnect': {
      const producer = producers.get(request.producerId);
      producers.delete(request.producerId);
      await producer?.disconnect();
      return { kind: 'done', call: request.call };
    }
  }
}

port.on('message', (request: ThreadRequest) => {
  handle(request).then(reply, (error: unknown) =>
    reply({ kind: 'failed', call: request.call, error: errorToWire(error) }),
  );
});
