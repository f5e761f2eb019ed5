import { z } from 'zod';
import type { EventPosition } from '../../events';
import { ApiError } from '../../http';
import { parseMinPositions } from './min-positions';

export const MIN_POSITION_HEADER = 'x-collect-min-position';
export const MAX_WAIT_HEADER = 'x-collect-max-wait-ms';

/** What a read asks of the projection before it runs: reach these positions within waitMs. */
export interface ConsistencyRequest {
  readonly positions: readonly EventPosition[];
  readonly waitMs: number;
}

export interface WaitBounds {
  readonly defaultWaitMs: number;
  readonly maxWaitMs: number;
}

/** The query parameters of read-your-writes; spread into each read endpoint's strict query schema. */
export const consistencyQueryFields = {
  minPosition: z.string().max(10_000).optional(),
  maxWaitMs: z
    .string()
    .regex(/^\d{1,6}$/, 'maxWaitMs must be a whole number of milliseconds')
    .transform(Number)
    .optional(),
};

export type ConsistencyQuery = { readonly minPosition?: string; readonly maxWaitMs?: number };
type Headers = Readonly<Record<string, string | string[] | undefined>>;

/**
 * Read-your-writes, from the query (`minPosition`, `maxWaitMs`) or the headers
 * (`X-Collect-Min-Position`, `X-Collect-Max-Wait-Ms`); positions from both are all waited for.
 * Malformed values answer 422 (query) or 400 (headers); a wait beyond the bound answers 422.
 */
export function consistencyRequest(
  query: ConsistencyQuery,
  headers: Headers,
  bounds: WaitBounds,
): ConsistencyRequest {
  const positions = [
    ...positionsOf(query.minPosition, queryProblem),
    ...positionsOf(single(headers, MIN_POSITION_HEADER), headerProblem),
  ];
  const waitMs = query.maxWaitMs ?? headerWaitMs(single(headers, MAX_WAIT_HEADER));
  if (waitMs !== undefined && waitMs > bounds.maxWaitMs) {
    throw ApiError.validation([
      {
        path: '/maxWaitMs',
        code: 'too_big',
        message: `the longest wait for the projection is ${bounds.maxWaitMs} ms`,
      },
    ]);
  }
  return { positions, waitMs: waitMs ?? bounds.defaultWaitMs };
}

function positionsOf(
  text: string | undefined,
  problem: (message: string) => ApiError,
): readonly EventPosition[] {
  if (text === undefined || text.trim() === '') return [];
  const parsed = parseMinPositions(text);
  if ('problem' in parsed) throw problem(parsed.problem);
  return parsed.positions;
}

function headerWaitMs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,6}$/.test(text.trim())) {
    throw headerProblem(`${MAX_WAIT_HEADER} must be a whole number of milliseconds`);
  }
  return Number(text.trim());
}

function single(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

const queryProblem = (message: string): ApiError =>
  ApiError.validation([{ path: '/minPosition', code: 'invalid_position', message }]);

const headerProblem = (message: string): ApiError =>
  ApiError.badRequest('invalid-consistency-header', message);
