import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentAuth, RequireScopes, type AuthContext } from '../auth';
import { parseBody } from '../http/parse-body';
import { ApiJsonBody, ApiJsonResponse, ApiProblemResponses } from '../openapi/decorators';
import { RequireAnyScope } from '../read-model';
import { integrationExamples as examples } from './integration-examples';
import { IntegrationReads } from './integration-reads';
import { attachIntegrationSchema, listIntegrationsQuery } from './integration-schemas';
import { integrationListView, integrationView, type IntegrationView } from './integration-views';
import { IntegrationsService } from './integrations.service';

const formIdParam = ApiParam({ name: 'formId', format: 'uuid', example: examples.formId });

/**
 * A form's integrations: attach (scope `integrations:write`) and list (`integrations:write` or
 * `forms:read`). Another organisation's form answers 404.
 */
@ApiTags('integrations')
@Controller('v1/forms')
export class FormIntegrationsController {
  constructor(
    private readonly integrations: IntegrationsService,
    private readonly reads: IntegrationReads,
  ) {}

  @Post(':formId/integrations')
  @RequireScopes('integrations:write')
  @formIdParam
  @ApiOperation({
    summary: 'Attach an integration to a form',
    description:
      'The type must be registered by a running connector, and the config must match the JSON Schema it registered (422 lists every violation). Without `backfill` only responses submitted after the attach are delivered; with it, the form\'s whole history first, in submission order. Secrets are write-only: responses show them as "[redacted]".',
  })
  @ApiJsonBody(attachIntegrationSchema, examples.attach)
  @ApiJsonResponse(201, integrationView, examples.attached, 'the new integration')
  @ApiProblemResponses(400, 404, 413, 415, 422, 503)
  attach(
    @CurrentAuth() auth: AuthContext,
    @Param('formId') formId: string,
    @Body() body: unknown,
  ): Promise<IntegrationView> {
    const { type, name, config, backfill } = parseBody(attachIntegrationSchema, body);
    return this.integrations.attach(auth.orgId, formId, {
      type,
      name: name ?? null,
      config,
      backfill: backfill ?? false,
    });
  }

  @Get(':formId/integrations')
  @RequireAnyScope('integrations:write', 'forms:read')
  @formIdParam
  @ApiQuery({ name: 'includeDetached', required: false, enum: ['true', 'false'] })
  @ApiOperation({
    summary: "List a form's integrations with their delivery status",
    description: 'In attach order; detached ones only with `includeDetached=true`.',
  })
  @ApiJsonResponse(200, integrationListView, examples.list, "the form's integrations")
  @ApiProblemResponses(404, 422)
  async list(
    @CurrentAuth() auth: AuthContext,
    @Param('formId') formId: string,
    @Query() query: unknown,
  ): Promise<{ items: IntegrationView[] }> {
    const { includeDetached } = parseBody(listIntegrationsQuery, query);
    const items = await this.reads.list(auth.orgId, formId, includeDetached === 'true');
    return { items };
  }
}
