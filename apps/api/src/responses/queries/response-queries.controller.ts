import { applyDecorators, Controller, Get, Header, Param, StreamableFile } from '@nestjs/common';
import {
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentAuth, RequireScopes, type AuthContext } from '../../auth';
import { ApiError } from '../../http';
import { ApiJsonResponse, ApiProblemResponses } from '../../openapi/decorators';
import {
  ApiReadYourWrites,
  isUuid,
  ReadInput,
  ReadYourWrites,
  type Page,
  type ReadRequest,
} from '../../read-model';
import { responsesCsv } from './response-csv';
import { responsePage } from './response-page';
import { responseQueryExamples as examples } from './response-query-examples';
import {
  RESPONSE_PAGE_DEFAULT,
  RESPONSE_PAGE_MAX,
  responseCsvQuery,
  responseListQuery,
  responseReadQuery,
} from './response-query-params';
import { ResponseReadStore } from './response-read-store';
import { responsePageView, responseView, type ResponseView } from './response-views';

const formIdParam = ApiParam({ name: 'formId', format: 'uuid', example: examples.formId });
const rangeQueries = applyDecorators(
  ApiQuery({
    name: 'submittedFrom',
    required: false,
    description: 'only responses submitted at or after this instant (ISO 8601 with a time zone)',
    example: '2025-03-01T00:00:00Z',
  }),
  ApiQuery({
    name: 'submittedTo',
    required: false,
    description: 'only responses submitted before this instant (exclusive)',
    example: '2025-04-01T00:00:00Z',
  }),
);

/**
 * Reading responses from the read model (scope `responses:read`), only within the key's
 * organisation: another organisation's form or response answers 404.
 */
@ApiTags('responses')
@RequireScopes('responses:read')
@Controller()
export class ResponseQueriesController {
  constructor(
    private readonly store: ResponseReadStore,
    private readonly reads: ReadYourWrites,
  ) {}

  @Get('v1/forms/:formId/responses')
  @formIdParam
  @ApiOperation({
    summary: "List a form's responses with their answers",
    description: `Ordered by (submittedAt, responseId): stable, so following \`nextCursor\` until it is null visits every response present when the listing started exactly once. ${RESPONSE_PAGE_DEFAULT} per page unless \`limit\` says (at most ${RESPONSE_PAGE_MAX}).`,
  })
  @ApiQuery({ name: 'limit', required: false, type: 'integer', example: RESPONSE_PAGE_DEFAULT })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  @rangeQueries
  @ApiReadYourWrites()
  @ApiJsonResponse(200, responsePageView, examples.page, 'one page of responses')
  @ApiProblemResponses(400, 404, 422)
  async list(
    @CurrentAuth() auth: AuthContext,
    @Param('formId') formId: string,
    @ReadInput() read: ReadRequest,
  ): Promise<Page<ResponseView>> {
    const query = await this.reads.prepare(responseListQuery, read);
    const { limit, cursor, submittedFrom, submittedTo } = query;
    await this.requireForm(auth.orgId, formId);
    return responsePage(this.store, auth.orgId, formId, {
      range: { submittedFrom, submittedTo },
      after: cursor,
      limit: limit ?? RESPONSE_PAGE_DEFAULT,
    });
  }

  @Get('v1/forms/:formId/responses.csv')
  @formIdParam
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: "Export a form's responses as CSV (streamed)",
    description:
      "Every response in (submittedAt, responseId) order, streamed in chunks. Columns: responseId, submittedAt, then one per question (the draft's order, then removed questions), headed by the question titles. Multiple-choice answers are option ids joined with `;`. Text that a spreadsheet would read as a formula (starting with = + - @, tab or CR) is prefixed with `'`. A failure mid-export aborts the download rather than ending it, so a truncated file never looks complete.",
  })
  @rangeQueries
  @ApiReadYourWrites()
  @ApiProduces('text/csv')
  @ApiResponse({
    status: 200,
    description: 'the CSV, RFC 4180 with CRLF line ends, UTF-8',
    content: { 'text/csv': { schema: { type: 'string' }, example: examples.csv } },
  })
  @ApiProblemResponses(400, 404, 422)
  async exportCsv(
    @CurrentAuth() auth: AuthContext,
    @Param('formId') formId: string,
    @ReadInput() read: ReadRequest,
  ): Promise<StreamableFile> {
    const { submittedFrom, submittedTo } = await this.reads.prepare(responseCsvQuery, read);
    await this.requireForm(auth.orgId, formId);
    const csv = await responsesCsv(this.store, auth.orgId, formId, { submittedFrom, submittedTo });
    return new StreamableFile(csv, {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="responses-${formId}.csv"`,
    });
  }

  @Get('v1/responses/:responseId')
  @ApiParam({ name: 'responseId', format: 'uuid', example: examples.responseId })
  @ApiOperation({ summary: 'Read a response with its typed answers' })
  @ApiReadYourWrites()
  @ApiJsonResponse(200, responseView, examples.response, 'the response')
  @ApiProblemResponses(400, 404, 422)
  async read(
    @CurrentAuth() auth: AuthContext,
    @Param('responseId') responseId: string,
    @ReadInput() read: ReadRequest,
  ): Promise<ResponseView> {
    await this.reads.prepare(responseReadQuery, read);
    const response = isUuid(responseId) ? await this.store.find(auth.orgId, responseId) : undefined;
    if (response === undefined) throw ApiError.notFound('The response', 'response-not-found');
    return response;
  }

  private async requireForm(orgId: string, formId: string): Promise<void> {
    if (!isUuid(formId) || !(await this.store.formExists(orgId, formId))) {
      throw ApiError.notFound('The form', 'form-not-found');
    }
  }
}
