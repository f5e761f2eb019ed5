import { metrics, type Attributes } from '@opentelemetry/api';

/**
 * OpenTelemetry instruments of one partition-batch consumer, labelled by consumer group, topic
 * and partition: lag (gauge), batch size and latency (histograms), messages applied (counter,
 * its rate is events/s) and batch retries (counter).
 */
export class ConsumerMetrics {
  private readonly meter = metrics.getMeter('collect.kafka.consumer');
  private readonly lagByPartition = new Map<string, { attributes: Attributes; lag: number }>();
  private readonly batchSize = this.meter.createHistogram('collect.consumer.batch.size', {
    description: 'messages per applied partition batch',
    unit: '{message}',
  });
  private readonly batchDuration = this.meter.createHistogram('collect.consumer.batch.duration', {
    description: 'time to apply one partition batch, retries included',
    unit: 'ms',
  });
  private readonly messages = this.meter.createCounter('collect.consumer.messages', {
    description: 'messages applied (rate = events/s)',
    unit: '{message}',
  });
  private readonly retries = this.meter.createCounter('collect.consumer.batch.retries', {
    description: 'retries of a partition batch after a passing failure',
  });

  constructor(private readonly groupId: string) {
    this.meter
      .createObservableGauge('collect.consumer.lag', {
        description: 'messages between the checkpoint and the high watermark, per partition',
        unit: '{message}',
      })
      .addCallback((result) => {
        for (const { attributes, lag } of this.lagByPartition.values()) {
          result.observe(lag, attributes);
        }
      });
  }

  batchApplied(
    topic: string,
    partition: number,
    size: number,
    durationMs: number,
    lag: bigint,
  ): void {
    const attributes = this.attributes(topic, partition);
    this.batchSize.record(size, attributes);
    this.batchDuration.record(durationMs, attributes);
    this.messages.add(size, attributes);
    this.lagByPartition.set(`${topic}/${partition}`, {
      attributes,
      lag: Number(lag < 0n ? 0n : lag),
    });
  }

  batchRetried(topic: string, partition: number): void {
    this.retries.add(1, this.attributes(topic, partition));
  }

  /** Forgets the lag of partitions this member no longer owns. */
  assigned(assignment: Readonly<Record<string, readonly number[]>>): void {
    for (const key of this.lagByPartition.keys()) {
      const [topic, partition] = splitKey(key);
      if (!assignment[topic]?.includes(partition)) this.lagByPartition.delete(key);
    }
  }

  private attributes(topic: string, partition: number): Attributes {
    return { 'messaging.consumer.group.name': this.groupId, topic, partition };
  }
}

function splitKey(key: string): [string, number] {
  const slash = key.lastIndexOf('/');
  return [key.slice(0, slash), Number(key.slice(slash + 1))];
}
