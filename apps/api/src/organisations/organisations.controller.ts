import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { RequireAdmin } from '../auth';
import { parseBody } from '../http/parse-body';
import {
  ApiEmptyResponse,
  ApiJsonBody,
  ApiJsonResponse,
  ApiProblemResponses,
} from '../openapi/decorators';
import { examples } from './organisation-examples';
import {
  apiKeyListView,
  createApiKeyBody,
  createdApiKeyView,
  createOrganisationBody,
  organisationView,
  type ApiKeyView,
  type CreatedApiKeyView,
  type OrganisationView,
} from './organisation-schemas';
import { OrganisationsService } from './organisations.service';

const orgIdParam = ApiParam({
  name: 'orgId',
  format: 'uuid',
  example: examples.organisation.orgId,
});

/** Admin endpoints: organisations and their API keys. */
@ApiTags('organisations')
@RequireAdmin()
@Controller('v1/organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  @ApiOperation({ summary: 'Create an organisation' })
  @ApiJsonBody(createOrganisationBody, examples.createOrganisation)
  @ApiJsonResponse(201, organisationView, examples.organisation, 'the organisation')
  @ApiProblemResponses(400, 413, 415, 422)
  async create(@Body() body: unknown): Promise<OrganisationView> {
    const { name } = parseBody(createOrganisationBody, body);
    return this.organisations.create(name);
  }

  @Post(':orgId/api-keys')
  @orgIdParam
  @ApiOperation({
    summary: 'Create an API key',
    description: 'The response holds the key itself; it is shown only once and stored hashed.',
  })
  @ApiJsonBody(createApiKeyBody, examples.createApiKey)
  @ApiJsonResponse(201, createdApiKeyView, examples.createdApiKey, 'the key, shown only now')
  @ApiProblemResponses(400, 404, 413, 415, 422)
  async createKey(
    @Param('orgId') orgId: string,
    @Body() body: unknown,
  ): Promise<CreatedApiKeyView> {
    const { name, scopes } = parseBody(createApiKeyBody, body);
    return this.organisations.createKey(orgId, name, scopes);
  }

  @Get(':orgId/api-keys')
  @orgIdParam
  @ApiOperation({ summary: "List an organisation's API keys (never their secrets)" })
  @ApiJsonResponse(200, apiKeyListView, examples.apiKeyList, 'the keys, revoked ones included')
  @ApiProblemResponses(404)
  async listKeys(@Param('orgId') orgId: string): Promise<{ items: ApiKeyView[] }> {
    return { items: await this.organisations.listKeys(orgId) };
  }

  @Delete(':orgId/api-keys/:keyId')
  @HttpCode(204)
  @orgIdParam
  @ApiParam({ name: 'keyId', example: examples.createdApiKey.keyId })
  @ApiOperation({
    summary: 'Revoke an API key',
    description:
      'Idempotent. The key stops working at once on the replica that handled this call and on every replica within API_KEY_CACHE_TTL_MS (30 s by default).',
  })
  @ApiEmptyResponse(204, 'revoked')
  @ApiProblemResponses(404)
  async revokeKey(@Param('orgId') orgId: string, @Param('keyId') keyId: string): Promise<void> {
    await this.organisations.revokeKey(orgId, keyId);
  }
}
