import { Inject, Injectable, Optional } from '@nestjs/common';
import type { z } from 'zod';
import { EVENTS_OPTIONS, type ResolvedEventsOptions } from '../../events';
import { ApiError, parseBody } from '../../http';
import { READ_MODEL_OPTIONS, type ResolvedReadModelOptions } from '../read-model-options';
import { consistencyRequest, type ConsistencyQuery } from './consistency-request';
import { ProjectionProgress } from './projection-progress';
import type { ReadRequest } from './read-request';

/**
 * What a read endpoint calls before it queries: when the request names event positions
 * (`minPosition` / `X-Collect-Min-Position`), waits until the projection has applied them.
 */
@Injectable()
export class ReadYourWrites {
  private readonly topics: ReadonlySet<string> | undefined;

  constructor(
    private readonly progress: ProjectionProgress,
    @Inject(READ_MODEL_OPTIONS) private readonly options: ResolvedReadModelOptions,
    @Optional() @Inject(EVENTS_OPTIONS) events?: ResolvedEventsOptions,
  ) {
    this.topics = events && new Set([events.topics.forms, events.topics.responses]);
  }

  /**
   * Parses the read's query with `schema` (422 on failure), waits for the positions it names,
   * and returns the parsed query.
   */
  async prepare<S extends z.ZodType<ConsistencyQuery>>(
    schema: S,
    request: ReadRequest,
  ): Promise<z.output<S>> {
    const query = parseBody(schema, request.query);
    await this.settle(query, request.headers);
    return query;
  }

  private async settle(query: ConsistencyQuery, headers: ReadRequest['headers']): Promise<void> {
    const { positions, waitMs } = consistencyRequest(query, headers, this.options);
    const topics = this.topics;
    const unknown = topics && positions.find(({ topic }) => !topics.has(topic));
    if (topics && unknown) {
      throw ApiError.validation([
        {
          path: '/minPosition',
          code: 'unknown_topic',
          message: `"${unknown.topic}" is not a topic the read model is built from (${[...topics].join(', ')})`,
        },
      ]);
    }
    await this.progress.reach(positions, waitMs);
  }
}
