import { eventually } from '../../../../test/support/eventually';
import { uniqueName } from '../../../../test/support/names';
import { startPrivateKafka } from '../../../../test/support/private-kafka';
import { createKafka } from '../create-kafka';
import { MemoryLedger, send, TestConsumers, topicWith, values } from './testing/consumer-test-kit';

describe('PartitionBatchConsumer when Kafka goes away (a private broker)', () => {
  let consumers: TestConsumers | undefined;

  it('reconnects by itself when Kafka goes away and comes back, and resumes where it was', async () => {
    const { kafka: broker, dispose } = await startPrivateKafka();
    try {
      const own = createKafka({
        brokers: [broker.bootstrapServers],
        clientId: 'outage',
        schemaRegistryUrl: 'http://unused',
        logLevel: 'fatal',
      });
      consumers = new TestConsumers(own);
      const topic = await topicWith(own, 1);
      const ownProducer = own.producer();
      await ownProducer.connect();
      await send(ownProducer, topic, values(0, 5));
      const ledger = new MemoryLedger();
      const consumer = consumers.start({
        groupId: uniqueName('group'),
        topics: [topic],
        checkpoints: ledger,
        handle: ledger.handle,
      });
      await eventually(() => ledger.checkpoints.get(0) === 5n, 'the first messages', 60_000);

      await broker.stop();
      await eventually(() => !consumer.health.ready, 'the consumer to notice the outage', 60_000);
      await broker.start();
      await eventually(
        () =>
          send(ownProducer, topic, values(5, 10)).then(
            () => true,
            () => false,
          ),
        'a send after the restart',
        60_000,
      );
      await eventually(() => ledger.checkpoints.get(0) === 10n, 'the consumer to resume', 90_000);
      expect(ledger.applied).toEqual(values(0, 10));
      expect(consumer.health).toEqual({ ready: true });
      await ownProducer.disconnect();
    } finally {
      await consumers?.stopAll();
      await dispose();
    }
  });
});
