import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { assertGenerationSchema } from '../generations/generation';

/** Next offset per partition, by topic. */
export type LogPositions = ReadonlyMap<string, ReadonlyMap<number, bigint>>;

/** The end of the log now: each partition's high watermark. */
export async function logEnd(kafka: Kafka, topics: readonly string[]): Promise<LogPositions> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = new Map<string, Map<number, bigint>>();
    for (const topic of topics) {
      const offsets = await admin.fetchTopicOffsets(topic);
      ends.set(topic, new Map(offsets.map((o) => [o.partition, BigInt(o.high)])));
    }
    return ends;
  } finally {
    await admin.disconnect();
  }
}

/** A generation's checkpoints: where it has applied each partition up to. */
export async function checkpointsOf(pool: Pool, schemaName: string): Promise<LogPositions> {
  const { rows } = await pool.query<{ topic: string; partition: number; next_offset: string }>(
    `SELECT topic, partition, next_offset FROM ${assertGenerationSchema(schemaName)}.offsets`,
  );
  const positions = new Map<string, Map<number, bigint>>();
  for (const row of rows) {
    const topic = positions.get(row.topic) ?? new Map<number, bigint>();
    topic.set(row.partition, BigInt(row.next_offset));
    positions.set(row.topic, topic);
  }
  return positions;
}

/** Pure: events applied (capped at the end) and events in the log, over every partition of `end`. */
export function progressTowards(
  end: LogPositions,
  applied: LogPositions,
): { done: bigint; total: bigint; reached: boolean } {
  let done = 0n;
  let total = 0n;
  for (const [topic, partitions] of end) {
    for (const [partition, high] of partitions) {
      const next = applied.get(topic)?.get(partition) ?? 0n;
      total += high;
      done += next < high ? next : high;
    }
  }
  return { done, total, reached: done === total };
}
