import type { EventPosition } from '../../events';
import type { ReadModelDb } from '../read-model-db';
import { positionKey } from './min-positions';

/** `next_offset` per topic-partition (keyed by positionKey) for the partitions of `positions`. */
export type ProjectedOffsets = ReadonlyMap<string, string>;

/** One look at the projector's checkpoint (`read_model.offsets`) for the partitions named. */
export async function projectedOffsets(
  db: ReadModelDb,
  positions: readonly EventPosition[],
): Promise<ProjectedOffsets> {
  const partitions = new Map(positions.map((p) => [positionKey(p.topic, p.partition), p]));
  const wanted = [...partitions.values()];
  const rows = await db.rows<{ topic: string; partition: number; next_offset: string }>(
    `SELECT o.topic, o.partition, o.next_offset::text AS next_offset
       FROM read_model.offsets o
       JOIN unnest($1::text[], $2::int[]) AS wanted(topic, partition)
         ON o.topic = wanted.topic AND o.partition = wanted.partition`,
    [wanted.map((p) => p.topic), wanted.map((p) => p.partition)],
  );
  return new Map(rows.map((row) => [positionKey(row.topic, row.partition), row.next_offset]));
}
