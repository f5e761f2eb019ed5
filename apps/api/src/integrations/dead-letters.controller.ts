import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentAuth, RequireScopes, type AuthContext } from '../auth';
import { parseBody } from '../http/parse-body';
import { ApiJsonBody, ApiJsonResponse, ApiProblemResponses } from '../openapi/decorators';
import { RequireAnyScope, type Page } from '../read-model';
import { DeadLettersService } from './dead-letters.service';
import { integrationExamples as examples } from './integration-examples';
import {
  DEAD_LETTER_PAGE_DEFAULT,
  DEAD_LETTER_PAGE_MAX,
  deadLetterListQuery,
  redriveSchema,
} from './integration-schemas';
import {
  deadLetterPageView,
  redriveView,
  type DeadLetterView,
  type RedriveView,
} from './integration-views';

const idParam = ApiParam({
  name: 'integrationId',
  format: 'uuid',
  example: examples.integrationId,
});

/**
 * Responses a connector could never deliver to one integration (also on `collect.dlq.<type>`),
 * and sending them through again once the cause is fixed.
 */
@ApiTags('integrations')
@Controller('v1/integrations')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get(':integrationId/dead-letters')
  @RequireAnyScope('integrations:write', 'forms:read')
  @idParam
  @ApiQuery({ name: 'limit', required: false, type: 'integer', example: DEAD_LETTER_PAGE_DEFAULT })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  @ApiQuery({ name: 'pending', required: false, enum: ['true', 'false'] })
  @ApiOperation({
    summary: "List an integration's dead letters",
    description: `Oldest first, ${DEAD_LETTER_PAGE_DEFAULT} per page unless \`limit\` says (at most ${DEAD_LETTER_PAGE_MAX}); \`pending=true\` lists only those not redriven yet. Follow \`nextCursor\` until it is null.`,
  })
  @ApiJsonResponse(200, deadLetterPageView, examples.deadLetters, 'one page of dead letters')
  @ApiProblemResponses(404, 422)
  list(
    @CurrentAuth() auth: AuthContext,
    @Param('integrationId') integrationId: string,
    @Query() query: unknown,
  ): Promise<Page<DeadLetterView>> {
    const { limit, cursor, pending } = parseBody(deadLetterListQuery, query);
    return this.deadLetters.list(auth.orgId, integrationId, {
      limit: limit ?? DEAD_LETTER_PAGE_DEFAULT,
      ...(cursor ? { after: cursor } : {}),
      pendingOnly: pending === 'true',
    });
  }

  @Post(':integrationId/dead-letters/redrive')
  @HttpCode(202)
  @RequireScopes('integrations:write')
  @idParam
  @ApiOperation({
    summary: 'Send dead letters through again',
    description:
      'The given ones, or every one not redriven yet when `ids` is left out. The connector delivers them again, in order; one that fails again becomes a new dead letter.',
  })
  @ApiJsonBody(redriveSchema, examples.redriveRequest)
  @ApiJsonResponse(202, redriveView, examples.redriven, 'how many were sent through again')
  @ApiProblemResponses(400, 404, 409, 413, 415, 422, 503)
  redrive(
    @CurrentAuth() auth: AuthContext,
    @Param('integrationId') integrationId: string,
    @Body() body: unknown,
  ): Promise<RedriveView> {
    const { ids } = parseBody(redriveSchema, body ?? {});
    return this.deadLetters.redrive(auth.orgId, integrationId, ids);
  }
}
