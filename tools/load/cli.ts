// `npx tsx tools/load/cli.ts`: produces a realistic load straight to Kafka (no HTTP): published
// forms, then ResponseSubmitted events (5–10 answers of mixed types) spread over them.
//   LOAD_RESPONSES (10000)  LOAD_FORMS (200)  LOAD_SEED (42)  LOAD_PARTITIONS (12)
//   LOAD_FORMS_TOPIC, LOAD_RESPONSES_TOPIC (default: fresh load-<random>.forms/.responses topics;
//   name collect.forms.v1 / collect.responses.v1 to load the real ones)
//   KAFKA_BROKERS, SCHEMA_REGISTRY_URL (default: the local stack's)
// Prints one JSON line: the topics and how many events Kafka acked.
import { EventSerde, ensureTopics } from '@collect/events';
import { createKafka, createSchemaRegistry } from '@collect/kafka';
import { randomBytes } from 'node:crypto';
import { host, ports } from '../stack/src/layout';
import { LoadProducer } from './load-producer';
import { ResponseLoad } from './response-load';

const count = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number`);
  return value;
};

async function main(): Promise<void> {
  const prefix = `load-${randomBytes(4).toString('hex')}`;
  const topics = {
    forms: process.env.LOAD_FORMS_TOPIC ?? `${prefix}.forms`,
    responses: process.env.LOAD_RESPONSES_TOPIC ?? `${prefix}.responses`,
  };
  const schemaRegistryUrl =
    process.env.SCHEMA_REGISTRY_URL ?? `http://${host}:${ports.registry}/apis/ccompat/v7`;
  const kafka = createKafka({
    brokers: (process.env.KAFKA_BROKERS ?? `${host}:${ports.kafka}`).split(','),
    clientId: prefix,
    schemaRegistryUrl,
    logLevel: 'error',
  });
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, {
    topics: [topics.forms, topics.responses],
    partitions: count('LOAD_PARTITIONS', 12),
    replicationFactor: 1,
  }).finally(() => admin.disconnect());

  const load = new ResponseLoad({ forms: count('LOAD_FORMS', 200), seed: count('LOAD_SEED', 42) });
  const producer = new LoadProducer(
    kafka,
    new EventSerde(createSchemaRegistry({ url: schemaRegistryUrl })),
    { topics },
  );
  await producer.connect();
  const started = performance.now();
  try {
    const forms = await producer.send(load.forms.flatMap((form) => form.events));
    const responses = await producer.send(load.responses(count('LOAD_RESPONSES', 10_000)));
    const seconds = (performance.now() - started) / 1000;
    console.log(
      JSON.stringify({ topics, formEvents: forms, responses, seconds: Number(seconds.toFixed(1)) }),
    );
  } finally {
    await producer.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
