import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiQuery } from '@nestjs/swagger';
import { ApiProblemResponses } from '../../openapi/decorators';
import { MAX_WAIT_HEADER, MIN_POSITION_HEADER } from './consistency-request';

const positionHelp =
  'Read-your-writes: wait until the read model has applied these events before answering. ' +
  'Comma-separated `topic:partition:offset`, as in `events[].position` of a form command ' +
  '(e.g. `collect.forms.v1:7:1042`). 503 `projection-lagging` (with Retry-After) if it has not ' +
  'within the wait.';

/** Documents the read-your-writes parameters (header or query) and their 503. */
export function ApiReadYourWrites(): MethodDecorator {
  return applyDecorators(
    ApiHeader({ name: MIN_POSITION_HEADER, required: false, description: positionHelp }),
    ApiHeader({
      name: MAX_WAIT_HEADER,
      required: false,
      description: 'how long to wait for the positions, in ms (default 5000, at most 30000)',
    }),
    ApiQuery({
      name: 'minPosition',
      required: false,
      description: `${positionHelp} Same as the header.`,
      example: 'collect.forms.v1:7:1042',
    }),
    ApiQuery({
      name: 'maxWaitMs',
      required: false,
      type: 'integer',
      description: 'same as the X-Collect-Max-Wait-Ms header',
      example: 5000,
    }),
    ApiProblemResponses(503),
  );
}
