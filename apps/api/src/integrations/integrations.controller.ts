import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentAuth, RequireScopes, type AuthContext } from '../auth';
import { parseBody } from '../http/parse-body';
import { ApiJsonBody, ApiJsonResponse, ApiProblemResponses } from '../openapi/decorators';
import { RequireAnyScope } from '../read-model';
import { integrationExamples as examples } from './integration-examples';
import { IntegrationReads } from './integration-reads';
import {
  detachQuerySchema,
  replaySchema,
  stateChangeSchema,
  updateIntegrationSchema,
} from './integration-schemas';
import {
  integrationView,
  replayView,
  type IntegrationView,
  type ReplayView,
} from './integration-views';
import { IntegrationsService } from './integrations.service';

const idParam = ApiParam({
  name: 'integrationId',
  format: 'uuid',
  example: examples.integrationId,
});
const changeProblems = ApiProblemResponses(400, 404, 409, 413, 415, 422, 503);
const changed = 'the integration after the change';

/**
 * One integration: read it (scope `integrations:write` or `forms:read`), change it
 * (`integrations:write`). Another organisation's integration answers 404. Every change bumps
 * `version` and is recorded as an event; a stale `expectedVersion` answers 409 with
 * `currentVersion`. A detached integration is final (409 on any change but detaching again).
 */
@ApiTags('integrations')
@Controller('v1/integrations')
export class IntegrationsController {
  constructor(
    private readonly integrations: IntegrationsService,
    private readonly reads: IntegrationReads,
  ) {}

  @Get(':integrationId')
  @RequireAnyScope('integrations:write', 'forms:read')
  @idParam
  @ApiOperation({ summary: 'Read an integration with its delivery status' })
  @ApiJsonResponse(200, integrationView, examples.integration, 'the integration')
  @ApiProblemResponses(404)
  read(
    @CurrentAuth() auth: AuthContext,
    @Param('integrationId') integrationId: string,
  ): Promise<IntegrationView> {
    return this.reads.get(auth.orgId, integrationId);
  }

  @Patch(':integrationId')
  @RequireScopes('integrations:write')
  @idParam
  @ApiOperation({
    summary: 'Rename an integration or replace its config',
    description:
      'The config replaces the stored one and is validated against the type\'s schema; a secret sent back as "[redacted]" (or left out) keeps its stored value.',
  })
  @ApiJsonBody(updateIntegrationSchema, examples.update)
  @ApiJsonResponse(200, integrationView, examples.updated, changed)
  @changeProblems
  update(
    @CurrentAuth() auth: AuthContext,
    @Param('integrationId') integrationId: string,
    @Body() body: unknown,
  ): Promise<IntegrationView> {
    return this.integrations.update(
      auth.orgId,
      integrationId,
      parseBody(updateIntegrationSchema, body),
    );
  }

  @Post(':integrationId/pause')
  @HttpCode(200)
  @RequireScopes('integrations:write')
  @idParam
  @ApiOperation({
    summary: 'Pause deliveries to an integration',
    description:
      'Nothing is delivered until it resumes, then it catches up from where it stopped. Pausing a paused integration changes nothing.',
  })
  @ApiJsonBody(stateChangeSchema, examples.stateChange)
  @ApiJsonResponse(200, integrationView, examples.paused, changed)
  @changeProblems
  pause(
    @CurrentAuth() auth: AuthContext,
    @Param('integrationId') integrationId: string,
    @Body() body: unknown,
  ): Promise<IntegrationView> {
    const { expectedVersion } = parseBody(stateChangeSchema, body ?? {});
    return this.integrations.setState(auth.orgId, integrationId, 'pause', expectedVersion);
  }

  @Post(':integrationId/resume')
  @HttpCode(200)
  @RequireScopes('integrations:write')
  @idParam
  @ApiOperation({ summary: 'Resume a paused integration (it catches up in order)' })
  @ApiJsonBody(stateChangeSchema, examples.stateChange)
  @ApiJsonResponse(200, integrationView, examples.resumed, changed)
  @changeProblems
  resume(
    @CurrentAuth() auth: AuthContext,
    @Param('integrationId') integrationId: string,
    @Body() body: unknown,
  ): Promise<IntegrationView> {
    const { expectedVersion } = parseBody(stateChangeSchema, body ?? {});
    return this.integrations.setState(auth.orgId, integrationId, 'resume', expectedVersion);
  }

  @Delete(':integrationId')
  @HttpCode(200)
  @RequireScopes('integrations:write')
  @idParam
  @ApiQuery({ name: 'expectedVersion', type: 'integer', required: false, example: 4 })
  @ApiOperation({
    summary: 'Detach an integration: nothing is delivered to it again',
    description: 'Final. Detaching a detached integration changes nothing.',
  })
  @ApiJsonResponse(200, integrationView, examples.detached, changed)
  @ApiProblemResponses(404, 409, 422, 503)
  detach(
    @CurrentAuth() auth: AuthContext,
    @Param('integrationId') integrationId: string,
    @Query() query: unknown,
  ): Promise<IntegrationView> {
    const { expectedVersion } = parseBody(detachQuerySchema, query);
    return this.integrations.setState(auth.orgId, integrationId, 'detach', expectedVersion);
  }

  @Post(':integrationId/replay')
  @HttpCode(202)
  @RequireScopes('integrations:write')
  @idParam
  @ApiOperation({
    summary: 'Deliver again every response submitted since an instant',
    description:
      "Moves the integration's cursors back to the first response at or after `from` and clears its delivery records from there, so those responses are delivered again, in order (progress in `status.backfill`). A partition not yet delivered up to `from` keeps its position: a replay never skips anything.",
  })
  @ApiJsonBody(replaySchema, examples.replayRequest)
  @ApiJsonResponse(202, replayView, examples.replay, 'the replay was recorded; delivery follows')
  @changeProblems
  replay(
    @CurrentAuth() auth: AuthContext,
    @Param('integrationId') integrationId: string,
    @Body() body: unknown,
  ): Promise<ReplayView> {
    const { from, expectedVersion } = parseBody(replaySchema, body);
    return this.integrations.replay(auth.orgId, integrationId, new Date(from), expectedVersion);
  }
}
