import type { ProducerBatch, RecordMetadata } from 'kafkajs';
import {
  BatchingProducer,
  type BatchSender,
  type PartitionedMessage,
  type RecordPosition,
} from './batching-producer';
import { ProduceError } from './produce-error';

interface Call {
  readonly batch: ProducerBatch;
  acknowledge(): void;
  fail(error: unknown): void;
}

/** A kafkajs producer stand-in: each sendBatch waits until the test acknowledges or fails it. */
class FakeProducer implements BatchSender {
  readonly calls: Call[] = [];
  private readonly nextOffset = new Map<string, number>();
  connects = 0;
  disconnects = 0;

  connect = (): Promise<void> => {
    this.connects += 1;
    return Promise.resolve();
  };

  disconnect = (): Promise<void> => {
    this.disconnects += 1;
    return Promise.resolve();
  };

  sendBatch = (batch: ProducerBatch): Promise<RecordMetadata[]> =>
    new Promise((resolve, reject) => {
      this.calls.push({
        batch,
        acknowledge: () => resolve(this.offsetsFor(batch)),
        fail: reject,
      });
    });

  private offsetsFor(batch: ProducerBatch): RecordMetadata[] {
    const counts = new Map<string, { topic: string; partition: number; count: number }>();
    for (const { topic, messages } of batch.topicMessages ?? []) {
      for (const message of messages) {
        const key = `${topic}/${message.partition}`;
        const slot = counts.get(key) ?? { topic, partition: message.partition!, count: 0 };
        slot.count += 1;
        counts.set(key, slot);
      }
    }
    return [...counts.entries()].map(([key, { topic, partition, count }]) => {
      const base = this.nextOffset.get(key) ?? 100;
      this.nextOffset.set(key, base + count);
      return { topicName: topic, partition, errorCode: 0, baseOffset: String(base) };
    });
  }
}

const message = (id: number, partition = 0, bytes = 10): PartitionedMessage => ({
  key: `form-${partition}`,
  value: Buffer.alloc(bytes, id % 256),
  partition,
});

const messageCounts = (call: Call): number[] =>
  (call.batch.topicMessages ?? []).map(({ messages }) => messages.length);

describe('BatchingProducer', () => {
  let fake: FakeProducer;
  let producers: number;

  beforeEach(() => {
    jest.useFakeTimers();
    fake = new FakeProducer();
    producers = 0;
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  const batching = (options: Partial<ConstructorParameters<typeof BatchingProducer>[0]> = {}) =>
    new BatchingProducer({
      createProducer: () => {
        producers += 1;
        return fake;
      },
      lingerMs: 2,
      ...options,
    });

  it('sends concurrent calls made within the linger time as one sendBatch with acks -1', async () => {
    const producer = batching();
    const sends = [1, 2, 3].map((id) => producer.send('t', message(id)));
    await jest.advanceTimersByTimeAsync(1);
    expect(fake.calls).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]!.batch.acks).toBe(-1);
    expect(messageCounts(fake.calls[0]!)).toEqual([3]);
    fake.calls[0]!.acknowledge();
    await expect(Promise.all(sends)).resolves.toEqual([
      { topic: 't', partition: 0, offset: '100' },
      { topic: 't', partition: 0, offset: '101' },
      { topic: 't', partition: 0, offset: '102' },
    ]);
  });

  it("gives every caller its own partition's offset when a batch spans partitions and topics", async () => {
    const producer = batching();
    const sends = [
      producer.send('a', message(1, 0)),
      producer.send('a', message(2, 3)),
      producer.send('b', message(3, 0)),
      producer.send('a', message(4, 3)),
      producer.send('a', message(5, 0)),
    ];
    await jest.advanceTimersByTimeAsync(2);
    expect(messageCounts(fake.calls[0]!)).toEqual([4, 1]);
    fake.calls[0]!.acknowledge();
    const positions = await Promise.all(sends);
    expect(positions.map((p: RecordPosition) => `${p.topic}/${p.partition}@${p.offset}`)).toEqual([
      'a/0@100',
      'a/3@100',
      'b/0@100',
      'a/3@101',
      'a/0@101',
    ]);
  });

  it('leaves at once, without lingering, when the batch reaches its message bound', async () => {
    const producer = batching({ maxBatchMessages: 3, lingerMs: 1_000 });
    const sends = [1, 2, 3, 4].map((id) => producer.send('t', message(id)));
    await jest.advanceTimersByTimeAsync(0);
    expect(fake.calls.map(messageCounts)).toEqual([[3]]);
    fake.calls[0]!.acknowledge();
    await jest.advanceTimersByTimeAsync(0);
    // The fourth queued during the round trip and leaves as soon as the first batch settles.
    expect(fake.calls.map(messageCounts)).toEqual([[3], [1]]);
    fake.calls[1]!.acknowledge();
    await expect(Promise.all(sends)).resolves.toHaveLength(4);
  });

  it('bounds a batch by bytes, but still sends a single message larger than the bound', async () => {
    const producer = batching({ maxBatchBytes: 1_000, maxInFlight: 3 });
    const sends = [
      producer.send('t', message(1, 0, 400)),
      producer.send('t', message(2, 0, 400)),
      producer.send('t', message(3, 0, 5_000)),
    ];
    await jest.advanceTimersByTimeAsync(2);
    expect(fake.calls.map(messageCounts)).toEqual([[2], [1]]);
    fake.calls.forEach((call) => call.acknowledge());
    await expect(Promise.all(sends)).resolves.toHaveLength(3);
  });

  it('keeps at most maxInFlight batches in flight and gathers what arrives meanwhile into the next one', async () => {
    const producer = batching({ maxInFlight: 1 });
    const first = producer.send('t', message(1));
    await jest.advanceTimersByTimeAsync(2);
    const later = [2, 3, 4].map((id) => producer.send('t', message(id)));
    await jest.advanceTimersByTimeAsync(50);
    expect(fake.calls).toHaveLength(1);
    fake.calls[0]!.acknowledge();
    await first;
    await jest.advanceTimersByTimeAsync(0);
    expect(fake.calls.map(messageCounts)).toEqual([[1], [3]]);
    fake.calls[1]!.acknowledge();
    await expect(Promise.all(later)).resolves.toHaveLength(3);
  });

  it('sends concurrent batches through separate producers, one batch each, up to maxInFlight', async () => {
    const producer = batching({ maxInFlight: 2, maxBatchMessages: 1 });
    const sends = [1, 2, 3].map((id) => producer.send('t', message(id)));
    await jest.advanceTimersByTimeAsync(2);
    expect(fake.calls).toHaveLength(2);
    expect(producers).toBe(2);
    fake.calls[0]!.acknowledge();
    await jest.advanceTimersByTimeAsync(0);
    expect(fake.calls).toHaveLength(3);
    expect(producers).toBe(2); // the freed producer carries the third batch
    fake.calls[1]!.acknowledge();
    fake.calls[2]!.acknowledge();
    await expect(Promise.all(sends)).resolves.toHaveLength(3);
  });

  it('rejects every caller of a failed batch with a retriable error and replaces the producer', async () => {
    const producer = batching();
    const sends = [1, 2].map((id) => producer.send('t', message(id)));
    await jest.advanceTimersByTimeAsync(2);
    const failure = Object.assign(new Error('Connection error: ECONNREFUSED'), {
      name: 'KafkaJSNumberOfRetriesExceeded',
    });
    fake.calls[0]!.fail(failure);
    for (const send of sends) {
      await expect(send).rejects.toMatchObject({ code: 'kafka_unavailable', retriable: true });
    }
    expect(fake.disconnects).toBe(1);

    const next = producer.send('t', message(3));
    await jest.advanceTimersByTimeAsync(2);
    fake.calls[1]!.acknowledge();
    await expect(next).resolves.toMatchObject({ partition: 0 });
    expect(producers).toBe(2);
  });

  it("reports Kafka's definite refusal as not retriable", async () => {
    const producer = batching();
    const send = producer.send('t', message(1));
    await jest.advanceTimersByTimeAsync(2);
    fake.calls[0]!.fail(
      Object.assign(new Error('message too large'), {
        name: 'KafkaJSProtocolError',
        type: 'MESSAGE_TOO_LARGE',
        retriable: false,
      }),
    );
    await expect(send).rejects.toMatchObject({ code: 'rejected_by_kafka', retriable: false });
  });

  it('rejects when the producer cannot connect, and connects a new one for the next batch', async () => {
    let attempts = 0;
    const producer = batching({
      createProducer: () => {
        attempts += 1;
        return attempts === 1
          ? { ...fake, connect: () => Promise.reject(new Error('ECONNREFUSED')) }
          : fake;
      },
    });
    const first = producer.send('t', message(1));
    await jest.advanceTimersByTimeAsync(2);
    await expect(first).rejects.toBeInstanceOf(ProduceError);
    const second = producer.send('t', message(2));
    await jest.advanceTimersByTimeAsync(2);
    fake.calls[0]!.acknowledge();
    await expect(second).resolves.toMatchObject({ offset: '100' });
  });

  it('never sends a message whose caller gave up while it was still queued, and lets a sent one settle with its batch', async () => {
    const producer = batching({ deliveryTimeoutMs: 100, maxInFlight: 1 });
    const first = producer.send('t', message(1));
    await jest.advanceTimersByTimeAsync(2);
    const queued = producer.send('t', message(2));
    const queuedOutcome = queued.catch((error: unknown) => error);
    await jest.advanceTimersByTimeAsync(100);
    await expect(queuedOutcome).resolves.toMatchObject({
      code: 'delivery_timeout',
      retriable: true,
    });
    fake.calls[0]!.acknowledge();
    await expect(first).resolves.toMatchObject({ offset: '100' });
    await jest.advanceTimersByTimeAsync(10);
    expect(fake.calls).toHaveLength(1);
  });

  it('expires queued messages each at its own deadline, oldest first', async () => {
    const producer = batching({ deliveryTimeoutMs: 100, maxInFlight: 1 });
    void producer.send('t', message(1)); // in flight, never acknowledged: the rest stay queued
    await jest.advanceTimersByTimeAsync(2);
    const outcomes: string[] = [];
    const track = (name: string, sent: Promise<RecordPosition>) =>
      void sent.catch(() => outcomes.push(name));
    track('a', producer.send('t', message(2)));
    await jest.advanceTimersByTimeAsync(40);
    track('b', producer.send('t', message(3)));
    await jest.advanceTimersByTimeAsync(30);
    track('c', producer.send('t', message(4)));
    await jest.advanceTimersByTimeAsync(29);
    expect(outcomes).toEqual([]);
    await jest.advanceTimersByTimeAsync(2); // a's 100 ms are up
    expect(outcomes).toEqual(['a']);
    await jest.advanceTimersByTimeAsync(39); // b's
    expect(outcomes).toEqual(['a', 'b']);
    await jest.advanceTimersByTimeAsync(30); // c's
    expect(outcomes).toEqual(['a', 'b', 'c']);
    expect(fake.calls).toHaveLength(1);
  });

  it('sends what is queued before close() resolves, and refuses sends after it', async () => {
    const producer = batching({ lingerMs: 1_000 });
    const send = producer.send('t', message(1));
    const closing = producer.close();
    await jest.advanceTimersByTimeAsync(0);
    fake.calls[0]!.acknowledge();
    await closing;
    await expect(send).resolves.toMatchObject({ offset: '100' });
    expect(fake.disconnects).toBe(1);
    await expect(producer.send('t', message(2))).rejects.toMatchObject({
      code: 'producer_closed',
    });
  });
});
