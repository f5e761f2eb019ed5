// The entry of the submission thread (see submission-thread.ts): validation, Avro encoding,
// batching and kafkajs' produce requests for ResponseSubmitted, off the request thread.
// First: it swaps kafkajs' Encoder before any kafkajs module loads it.
import '@collect/kafka/lean-kafkajs-encoder';
import { EventSerde, type SchemaRegistryClient } from '@collect/events';
import { createKafka } from '@collect/kafka';
import { parentPort, workerData } from 'node:worker_threads';
import { RuleEngine } from '../domain';
import { createKafkaBatchingProducer } from '../kafka-batching-producer';
import { KafkaResponseEvents } from '../kafka-response-events';
import { CheckAndPublish } from '../submission-pipeline';
import { rejections, type SubmissionOutcome } from '../submission-outcome';
import type { PublishedFormView } from '../submission-ports';
import type {
  FromSubmissionThread,
  SubmissionThreadData,
  ToSubmissionThread,
} from './submission-thread-messages';

const port = parentPort!;
const data = workerData as SubmissionThreadData;

/** Replies of one event-loop turn, posted together. */
let outbox: FromSubmissionThread[] = [];
const send = (reply: FromSubmissionThread): void => {
  if (outbox.length === 0) setImmediate(flush);
  outbox.push(reply);
};
function flush(): void {
  const replies = outbox;
  outbox = [];
  port.postMessage(replies);
}

const kafka = createKafka(data.kafka, {
  // Logged on the request thread, where the app's logger lives.
  logCreator:
    () =>
    ({ namespace, level, log }) =>
      send({ kind: 'kafka-log', level, namespace, log: { ...log } }),
});
// The ids were registered by the request thread; this serde only encodes and never calls the registry.
const noRegistry: SchemaRegistryClient = {
  register: () => Promise.reject(new Error('the submission thread does not register schemas')),
  getSchema: () => Promise.reject(new Error('the submission thread does not decode')),
};
const serde = new EventSerde(noRegistry).useSchemaIds(new Map(data.schemaIds));
const events = new KafkaResponseEvents(
  serde,
  createKafkaBatchingProducer(kafka, {
    lingerMs: data.lingerMs,
    maxBatchMessages: data.maxBatchMessages,
    maxBatchBytes: data.maxBatchBytes,
    deliveryTimeoutMs: data.publishTimeoutMs,
    ackTimeoutMs: data.publishTimeoutMs,
  }),
  data,
);
const ruleEngine = new RuleEngine({
  onDefinitionProblem: (problem) => send({ kind: 'definition-problem', problem }),
});
const pipeline = new CheckAndPublish(events, ruleEngine, data.retryAfterSeconds);

/** The latest published version of every form a job named (sent ahead of its first job). */
const forms = new Map<string, PublishedFormView>();

function receive(request: ToSubmissionThread): void {
  switch (request.op) {
    case 'form':
      forms.set(request.formId, {
        formVersion: request.formVersion,
        definition: request.definition,
        status: 'published',
      });
      return;
    case 'run': {
      const { call, items } = request;
      void runJob(request).then(
        (outcomes) => send({ kind: 'ran', call, outcomes }),
        (error: unknown) => {
          send({ kind: 'job-failed', message: errorMessage(error) });
          send({ kind: 'ran', call, outcomes: items.map(() => rejections.publishFailed()) });
        },
      );
      return;
    }
    case 'close':
      void events.close().finally(() => send({ kind: 'closed' }));
      return;
  }
}

/** Rejects on a bug (a 500 for the job's items, logged), never on a refused submission. */
async function runJob(request: ToSubmissionThread & { op: 'run' }): Promise<SubmissionOutcome[]> {
  const form = forms.get(request.formId);
  if (form?.formVersion !== request.formVersion) {
    throw new Error(
      `form ${request.formId} version ${request.formVersion} was not sent before its first job`,
    );
  }
  return pipeline.run({ ...request, form });
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

port.on('message', (requests: readonly ToSubmissionThread[]) => {
  for (const request of requests) receive(request);
});
