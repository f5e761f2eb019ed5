import {
  type logCreator,
  logLevel as KafkaLogLevel,
  type ProducerBatch,
  type RecordMetadata,
} from 'kafkajs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { kafkaLogLevelFor, nestKafkaLogCreator } from '../kafka-logger';
import type { KafkaOptions } from '../kafka-options';
import {
  errorFromWire,
  type ProducerThreadData,
  type ThreadProducerConfig,
  type ThreadReply,
  type ThreadRequest,
} from './producer-thread-messages';

export type { ThreadProducerConfig } from './producer-thread-messages';

/** A kafkajs producer living on the thread: the calls the batching producer makes. */
export interface ThreadProducer {
  connect(): Promise<void>;
  sendBatch(batch: ProducerBatch): Promise<RecordMetadata[]>;
  disconnect(): Promise<void>;
}

/** kafkajs 2.2.4 schedules negative timer delays (tulios/kafkajs#1751): harmless, silenced. */
const quietTimers = '--disable-warning=TimeoutNegativeWarning';

/**
 * The flags a producer thread takes from its process: warnings, source maps and preloads (`-r`,
 * e.g. swc-node when running from source). Not V8 or per-process flags: with one of those (say
 * `node --max-old-space-size=2048 main.js`) Node refuses to start the Worker
 * (ERR_WORKER_INVALID_EXEC_ARGV), and every submission would fail. The thread sizes its own heap.
 */
export function producerThreadExecArgv(processExecArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < processExecArgv.length; i++) {
    const arg = processExecArgv[i]!;
    const next = processExecArgv[i + 1];
    if ((arg === '-r' || arg === '--require') && next !== undefined) {
      kept.push(arg, next);
      i++;
    } else if (
      arg.startsWith('--require=') ||
      arg.startsWith('--disable-warning=') ||
      arg === '--enable-source-maps'
    ) {
      kept.push(arg);
    }
  }
  return kept.includes(quietTimers) ? kept : [...kept, quietTimers];
}

/** The worker's entry: the TypeScript source when running from source, else the bundled file. */
function workerEntry(): { file: string; execArgv: string[] } {
  const execArgv = producerThreadExecArgv(process.execArgv);
  if (!__filename.endsWith('.ts')) {
    return { file: join(__dirname, 'kafka-producer-thread.js'), execArgv };
  }
  const loaded = execArgv.some((arg) => arg.includes('@swc-node/register'));
  return {
    file: join(__dirname, 'producer-thread.worker.ts'),
    execArgv: loaded ? execArgv : [...execArgv, '-r', require.resolve('@swc-node/register')],
  };
}

interface Pending {
  resolve(reply: ThreadReply & { kind: 'done' }): void;
  reject(error: Error): void;
}

/**
 * kafkajs producers on a worker thread of their own. kafkajs encodes every record and header
 * through fresh buffers, which costs the API about a quarter of its CPU per submission
 * (tools/bench/ingest.ts); on the thread that work runs on another core, and the main thread
 * only posts each batch once. Each message must name its partition (no partitioner crosses the
 * thread). If the thread dies, every call on it fails (retriable) and the next connect starts a
 * new one.
 */
export class ProducerThread {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextCall = 1;
  private nextProducerId = 1;
  private closed = false;
  private readonly log: ReturnType<logCreator>;

  constructor(
    private readonly kafka: KafkaOptions,
    createLog: logCreator = nestKafkaLogCreator,
  ) {
    this.log = createLog(kafkaLogLevelFor(kafka.logLevel ?? 'info'));
  }

  producer(config: ThreadProducerConfig): ThreadProducer {
    const producerId = this.nextProducerId++;
    let home: Worker | undefined;
    const on = (): Worker => {
      if (!home) throw new Error('the producer is not connected: call connect() first');
      return home;
    };
    return {
      connect: async () => {
        home = this.running();
        await this.call(home, { op: 'connect', call: 0, producerId, config });
      },
      sendBatch: async (batch) =>
        (await this.call(on(), { op: 'send', call: 0, producerId, batch })).metadata ?? [],
      disconnect: async () => {
        // A producer whose thread is gone has nothing left to close.
        if (home && home === this.worker) {
          await this.call(home, { op: 'disconnect', call: 0, producerId });
        }
      },
    };
  }

  /** Stops the thread; calls still waiting fail. Disconnect the producers first. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    this.failPending(new Error('the Kafka producer thread is shut down'));
    if (worker) await worker.terminate();
  }

  private running(): Worker {
    if (this.closed) throw new Error('the Kafka producer thread is shut down');
    if (this.worker) return this.worker;
    const { file, execArgv } = workerEntry();
    const workerData: ProducerThreadData = { kafka: this.kafka };
    const worker = new Worker(file, { workerData, execArgv });
    worker.unref(); // kept alive by calls in flight only (see call)
    worker.on('message', (reply: ThreadReply) => this.receive(reply));
    worker.on('error', (error: Error) => this.lost(worker, error));
    worker.on('exit', (code) => this.lost(worker, new Error(`it exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private call(worker: Worker, request: ThreadRequest): Promise<ThreadReply & { kind: 'done' }> {
    if (worker !== this.worker) {
      return Promise.reject(new Error('the Kafka producer thread stopped; reconnect'));
    }
    const call = this.nextCall++;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) worker.ref();
      this.pending.set(call, { resolve, reject });
      worker.postMessage({ ...request, call });
    });
  }

  private receive(reply: ThreadReply): void {
    if (reply.kind === 'log') {
      this.log({
        namespace: reply.namespace,
        level: reply.level,
        label: KafkaLogLevel[reply.level] ?? 'INFO',
        log: reply.log as { timestamp: string; message: string },
      });
      return;
    }
    const pending = this.pending.get(reply.call);
    if (!pending) return;
    this.pending.delete(reply.call);
    if (this.pending.size === 0) this.worker?.unref();
    if (reply.kind === 'done') pending.resolve(reply);
    else pending.reject(errorFromWire(reply.error));
  }

  /** The thread is gone: whatever waited on it fails; the next connect starts another. */
  private lost(worker: Worker, reason: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.failPending(
      new Error(`the Kafka producer thread stopped: ${reason.message}`, { cause: reason }),
    );
  }

  private failPending(error: Error): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const pending of waiting) pending.reject(error);
  }
}
