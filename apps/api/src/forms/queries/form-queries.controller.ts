import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentAuth, type AuthContext } from '../../auth';
import { ApiError } from '../../http';
import { ApiJsonResponse, ApiProblemResponses } from '../../openapi/decorators';
import {
  ApiReadYourWrites,
  isUuid,
  ReadInput,
  ReadYourWrites,
  RequireAnyScope,
  type Page,
  type ReadRequest,
} from '../../read-model';
import { FormReadStore } from './form-read-store';
import { formQueryExamples as examples } from './form-query-examples';
import {
  FORM_PAGE_DEFAULT,
  FORM_PAGE_MAX,
  formListQuery,
  formReadQuery,
} from './form-query-params';
import { formDetailView, formPageView, type FormDetail, type FormSummary } from './form-views';

/**
 * Reading forms from the read model (scope `forms:read` or `forms:write`), only within the key's
 * organisation: another organisation's form answers 404. Eventually consistent with the commands
 * unless the read names the command's event position (read-your-writes, see the README).
 */
@ApiTags('forms')
@RequireAnyScope('forms:read', 'forms:write')
@Controller('v1/forms')
export class FormQueriesController {
  constructor(
    private readonly store: FormReadStore,
    private readonly reads: ReadYourWrites,
  ) {}

  @Get()
  @ApiOperation({
    summary: "List the organisation's forms",
    description: `In creation order, ${FORM_PAGE_DEFAULT} per page unless \`limit\` says (at most ${FORM_PAGE_MAX}); follow \`nextCursor\` until it is null.`,
  })
  @ApiQuery({ name: 'limit', required: false, type: 'integer', example: FORM_PAGE_DEFAULT })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  @ApiQuery({ name: 'status', required: false, enum: ['draft', 'published', 'closed'] })
  @ApiReadYourWrites()
  @ApiJsonResponse(200, formPageView, examples.page, 'one page of forms')
  @ApiProblemResponses(400, 422)
  async list(
    @CurrentAuth() auth: AuthContext,
    @ReadInput() read: ReadRequest,
  ): Promise<Page<FormSummary>> {
    const { limit, cursor, status } = await this.reads.prepare(formListQuery, read);
    return this.store.list(auth.orgId, {
      limit: limit ?? FORM_PAGE_DEFAULT,
      after: cursor,
      status,
    });
  }

  @Get(':formId')
  @ApiParam({ name: 'formId', format: 'uuid', example: examples.formId })
  @ApiOperation({
    summary: 'Read a form: its current definition, status, counters and version history',
  })
  @ApiReadYourWrites()
  @ApiJsonResponse(200, formDetailView, examples.detail, 'the form')
  @ApiProblemResponses(400, 404, 422)
  async read(
    @CurrentAuth() auth: AuthContext,
    @Param('formId') formId: string,
    @ReadInput() read: ReadRequest,
  ): Promise<FormDetail> {
    await this.reads.prepare(formReadQuery, read);
    const form = isUuid(formId) ? await this.store.find(auth.orgId, formId) : undefined;
    if (form === undefined) throw ApiError.notFound('The form', 'form-not-found');
    return form;
  }
}
