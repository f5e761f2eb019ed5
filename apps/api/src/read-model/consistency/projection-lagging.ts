import type { EventPosition } from '../../events';
import { ApiError } from '../../http';
import { isProjected, positionKey } from './min-positions';
import type { ProjectedOffsets } from './projected-offsets';

/** 503 `projection-lagging`: the read model had not reached every position within the wait. */
export function projectionLagging(
  positions: readonly EventPosition[],
  offsets: ProjectedOffsets,
  waitedMs: number,
  retryAfterSeconds: number,
): ApiError {
  const pending = positions
    .map((position) => ({
      position,
      next: offsets.get(positionKey(position.topic, position.partition)),
    }))
    .filter(({ position, next }) => !isProjected(position, next))
    .map(({ position, next }) => ({ ...position, projectedNextOffset: next ?? null }));
  const first = pending[0];
  const where = first ? `${first.topic}:${first.partition}:${first.offset}` : 'the positions';
  return new ApiError({
    code: 'projection-lagging',
    status: 503,
    title: 'Projection lagging',
    message: `the read model did not reach ${where} within ${waitedMs} ms; retry later`,
    retryAfterSeconds,
    details: { pending },
  });
}
