import {
  kafkaLogLevelFor,
  kafkaThreadEntry,
  nestKafkaLogCreator,
  type KafkaOptions,
} from '@collect/kafka';
import { Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { logLevel as KafkaLogLevel, type logCreator } from 'kafkajs';
import { Worker } from 'node:worker_threads';
import { rejections, type SubmissionOutcome } from '../submission-outcome';
import type { SubmissionJob, SubmissionPipeline } from '../submission-pipeline';
import type {
  FromSubmissionThread,
  SubmissionThreadData,
  ToSubmissionThread,
} from './submission-thread-messages';

/** How long `close()` lets the thread send what is queued and wait for Kafka's answers. */
const closeTimeoutMs = 10_000;

/** The thread a job was queued for, and the form versions that thread has been sent. */
interface Incarnation {
  readonly worker: Worker;
  readonly sentVersions: Map<string, number>;
  /** Jobs sent and not yet answered, by call: how many items, and who waits. */
  readonly waiting: Map<
    number,
    { readonly items: number; resolve(outcomes: SubmissionOutcome[]): void }
  >;
  closed?: () => void;
}

/**
 * The submission pipeline on a worker thread of its own: parsing a body still as JSON text,
 * validation, Avro encoding, batching and kafkajs' produce requests run there, so the request
 * thread keeps only HTTP, authentication and the form lookup (tools/bench/ingest.ts: its CPU per
 * submission went from about 115 to 70 µs on the machine of the README's numbers).
 * Each form version is sent to the thread once, before the first job that needs it; jobs and
 * versions of one event-loop turn go in one message, and so do the thread's answers.
 *
 * If the thread dies, every job waiting on it answers 503 (retriable; its fate at Kafka is unknown,
 * as after any lost connection: the client's Idempotency-Key makes the retry safe) and the next
 * job starts a new thread.
 */
export class SubmissionThread implements SubmissionPipeline, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('SubmissionThread');
  private readonly validationLogger = new Logger('ResponseValidation');
  private readonly kafkaLog: ReturnType<logCreator>;
  private current: Incarnation | undefined;
  private outbox: ToSubmissionThread[] = [];
  private nextCall = 1;
  private closing = false;

  constructor(
    private readonly kafka: KafkaOptions,
    private readonly settings: Omit<SubmissionThreadData, 'kafka'>,
  ) {
    this.kafkaLog = nestKafkaLogCreator(kafkaLogLevelFor(kafka.logLevel ?? 'info'));
  }

  run(job: SubmissionJob): Promise<SubmissionOutcome[]> {
    if (this.closing) return Promise.resolve(this.unavailable(job.items.length));
    const thread = this.running();
    const { formId, form } = job;
    if (thread.sentVersions.get(formId) !== form.formVersion) {
      thread.sentVersions.set(formId, form.formVersion);
      this.post({ op: 'form', formId, formVersion: form.formVersion, definition: form.definition });
    }
    const call = this.nextCall++;
    this.post({
      op: 'run',
      call,
      orgId: job.orgId,
      formId,
      formVersion: form.formVersion,
      items: job.items.map((entry) =>
        'jsonText' in entry ? entry : { item: entry.item, claim: entry.claim },
      ),
      now: job.now,
      trace: job.trace,
    });
    return new Promise((resolve) => {
      if (thread.waiting.size === 0) thread.worker.ref();
      thread.waiting.set(call, { items: job.items.length, resolve });
    });
  }

  /** Starts the thread with the app, so the first submission does not wait for it to load. */
  onModuleInit(): void {
    this.running();
  }

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  /** Sends what is queued, waits (bounded) for Kafka's answers to it, then stops the thread. */
  async close(): Promise<void> {
    this.closing = true;
    const thread = this.current;
    if (!thread) return;
    const closed = new Promise<void>((resolve) => (thread.closed = resolve));
    this.post({ op: 'close' });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, closeTimeoutMs)));
    await Promise.race([closed, timeout]);
    clearTimeout(timer);
    this.lost(thread, new Error('it was shut down'));
    await thread.worker.terminate();
  }

  private running(): Incarnation {
    if (this.current) return this.current;
    const { file, execArgv } = kafkaThreadEntry(
      __filename,
      __dirname,
      'submission-thread.worker.ts',
      'submission-thread.js',
    );
    const workerData: SubmissionThreadData = { kafka: this.kafka, ...this.settings };
    const worker = new Worker(file, { workerData, execArgv });
    const thread: Incarnation = { worker, sentVersions: new Map(), waiting: new Map() };
    worker.unref(); // kept alive by jobs in flight only (see run)
    worker.on('message', (replies: readonly FromSubmissionThread[]) => {
      for (const reply of replies) this.receive(thread, reply);
    });
    worker.on('error', (error: Error) => this.lost(thread, error));
    worker.on('exit', (code) => this.lost(thread, new Error(`it exited with code ${code}`)));
    this.current = thread;
    return thread;
  }

  private post(message: ToSubmissionThread): void {
    if (this.outbox.length === 0) setImmediate(() => this.flush());
    this.outbox.push(message);
  }

  private flush(): void {
    const messages = this.outbox;
    this.outbox = [];
    this.current?.worker.postMessage(messages);
  }

  private receive(thread: Incarnation, reply: FromSubmissionThread): void {
    switch (reply.kind) {
      case 'ran': {
        const job = thread.waiting.get(reply.call);
        if (!job) return;
        thread.waiting.delete(reply.call);
        if (thread.waiting.size === 0) thread.worker.unref();
        job.resolve(reply.outcomes);
        return;
      }
      case 'closed':
        thread.closed?.();
        return;
      case 'job-failed':
        this.logger.error({
          msg: 'a submission failed on the submission thread',
          err: reply.message,
        });
        return;
      case 'definition-problem':
        this.validationLogger.warn({
          msg: 'a published form has a rule or pattern that cannot be enforced',
          ...reply.problem,
        });
        return;
      case 'kafka-log':
        this.kafkaLog({
          namespace: reply.namespace,
          level: reply.level,
          label: KafkaLogLevel[reply.level] ?? 'INFO',
          log: reply.log as { timestamp: string; message: string },
        });
        return;
    }
  }

  /** The thread is gone: whatever waited on it answers 503; the next job starts another. */
  private lost(thread: Incarnation, reason: Error): void {
    if (this.current !== thread) return;
    this.current = undefined;
    this.outbox = [];
    if (!this.closing) {
      this.logger.error({ msg: 'the submission thread stopped', err: reason.message });
    }
    const waiting = [...thread.waiting.values()];
    thread.waiting.clear();
    for (const job of waiting) job.resolve(this.unavailable(job.items));
  }

  private unavailable(items: number): SubmissionOutcome[] {
    return Array.from({ length: items }, () =>
      rejections.unavailable(this.settings.retryAfterSeconds),
    );
  }
}
