import { Body, Controller, Delete, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentAuth, RequireScopes, type AuthContext } from '../auth';
import { ApiError } from '../http';
import { parseBody } from '../http/parse-body';
import { ApiJsonBody, ApiJsonResponse, ApiProblemResponses } from '../openapi/decorators';
import type { FormState } from './domain';
import type { FormCommandResult } from './form-command-result';
import { formExamples as examples } from './form-examples';
import { formCommandResultView as resultView } from './form-result-schema';
import {
  addQuestionSchema,
  changeFormDetailsSchema,
  changeQuestionSchema,
  createFormSchema,
  expectedVersionQuerySchema,
  expectedVersionSchema,
  reorderQuestionsSchema,
  setRulesSchema,
} from './form-schemas';
import { FormsService } from './forms.service';

const formIdParam = ApiParam({ name: 'formId', format: 'uuid', example: examples.formId });
const questionIdParam = ApiParam({ name: 'questionId', example: 'monthly_income' });
const changeProblems = ApiProblemResponses(400, 404, 409, 413, 415, 422, 503);
const changed = 'the form after the change, and where its event landed';

/**
 * Form commands. Every route needs `forms:write` and acts only within the key's organisation:
 * another organisation's form answers 404. Each change names the version it was built on
 * (`expectedVersion`); a stale one answers 409 with `currentVersion`.
 */
@ApiTags('forms')
@RequireScopes('forms:write')
@Controller('v1/forms')
export class FormsController {
  constructor(private readonly forms: FormsService) {}

  @Post()
  @ApiOperation({ summary: 'Create a form (a draft without questions)' })
  @ApiJsonBody(createFormSchema, examples.create)
  @ApiJsonResponse(201, resultView, examples.created, 'the new form')
  @ApiProblemResponses(400, 413, 415, 422, 503)
  create(@CurrentAuth() auth: AuthContext, @Body() body: unknown): Promise<FormCommandResult> {
    const { title, description } = parseBody(createFormSchema, body);
    return this.forms.create(auth.orgId, { title, description: description ?? null });
  }

  @Patch(':formId')
  @HttpCode(200)
  @formIdParam
  @ApiOperation({ summary: "Change a form's title and/or description" })
  @ApiJsonBody(changeFormDetailsSchema, examples.changeDetails)
  @ApiJsonResponse(200, resultView, examples.detailsChanged, changed)
  @changeProblems
  changeDetails(
    @CurrentAuth() auth: AuthContext,
    @Param('formId') formId: string,
    @Body() body: unknown,
  ): Promise<FormCommandResult> {
    const { expectedVersion, title, description } = parseBody(changeFormDetailsSchema, body);
    return this.forms.execute(auth.orgId, formId, (state: FormState) => ({
      type: 'ChangeFormDetails',
      formId,
      expectedVersion,
      title: title ?? (state.status === 'not_created' ? '' : state.title),
      description:
        description !== undefined
          ? description
          : state.status === 'not_created'
            ? null
            : state.description,
    }));
  }

  @Post(':formId/questions')
  @HttpCode(200)
  @formIdParam
  @ApiOperation({ summary: 'Add a question (last unless `position` says where)' })
  @ApiJsonBody(addQuestionSchema, examples.addQuestion)
  @ApiJsonResponse(200, resultView, examples.questionAdded, changed)
  @changeProblems
  addQuestion(
    @CurrentAuth() auth: AuthContext,
    @Param('formId') formId: string,
    @Body() body: unknown,
  ): Promise<FormCommandResult> {
    const { expectedVersion, question, position } = parseBody(addQuestionSchema, body);
    return this.forms.execute(auth.orgId, formId, () => ({
      type: 'AddQuestion',
      formId,
      expectedVersion,
      question,
      ...(position !== undefined ? { position } : {}),
    }));
  }

  @Put(':formId/questions/:questionId')
  @formIdParam
  @questionIdParam
  @ApiOperation({ summary: 'Replace a question (its questionId must match the path)' })
  @ApiJsonBody(changeQuestionSchema, examples.changeQuestion)
  @ApiJsonResponse(200, resultView, examples.questionChanged, changed)
  @changeProblems
  changeQuestion(
    @CurrentAuth() auth: AuthContext,
    @Param('formId') formId: string,
    @Param('questionId') questionId: string,
    @Body() body: unknown,
  ): Promise<FormCommandResult> {
    const { expectedVersion, question } = parseBody(changeQuestionSchema, body);
    if (question.questionId !== questionId) throw questionIdMismatch(questionId);
    return this.forms.execute(auth.orgId, formId, () => ({
      type: 'ChangeQuestion',
      formId,
      expectedVersion,
      question,
    }));
  }

  @Delete(':formId/questions/:questionId')
  @HttpCode(200)
  @formIdParam
  @questionIdParam
  @ApiQuery({ name: 'expectedVersion', type: 'integer', required: true, example: 4 })
  @ApiOperation({ summary: 'Remove a question (not while a rule uses it)' })
  @ApiJsonResponse(200, resultView, examples.questionRemoved, changed)
  @changeProblems
  removeQuestion(
    @CurrentAuth() auth: AuthContext,
    @Param('formId') formId: string,
    @Param('questionId') questionId: string,
    @Query() query: unknown,
  ): Promise<FormCommandResult> {
    const { expectedVersion } = parseBody(expectedVersionQuerySchema, query);
    return this.forms.execute(auth.orgId, formId, () => ({
      type: 'RemoveQuestion',
      formId,
      expectedVersion,
      questionId,
    }));
  }

  @Put(':formId/question-order')
  @formIdParam
  @ApiOperation({ summary: 'Reorder the questions (list every questionId once)' })
  @ApiJsonBody(reorderQuestionsSchema, examples.reorder)
  @ApiJsonResponse(200, resultView, examples.reordered, changed)
  @changeProblems
  reorder(
    @CurrentAuth() auth: AuthContext,
    @Param('formId') formId: string,
    @Body() body: unknown,
  ): Promise<FormCommandResult> {
    const { expectedVersion, questionIds } = parseBody(reorderQuestionsSchema, body);
    return this.forms.execute(auth.orgId, formId, () => ({
      type: 'ReorderQuestions',
      formId,
      expectedVersion,
      questionIds,
    }));
  }

  @Put(':formId/rules')
  @formIdParam
  @ApiOperation({
    summary: 'Replace the business rules',
    description:
      'Each rule is a CEL expression over `answers.<questionId>` that must hold, e.g. `answers.monthly_savings <= answers.monthly_income`.',
  })
  @ApiJsonBody(setRulesSchema, examples.setRules)
  @ApiJsonResponse(200, resultView, examples.rulesSet, changed)
  @changeProblems
  setRules(
    @CurrentAuth() auth: AuthContext,
    @Param('formId') formId: string,
    @Body() body: unknown,
  ): Promise<FormCommandResult> {
    const { expectedVersion, rules } = parseBody(setRulesSchema, body);
    return this.forms.execute(auth.orgId, formId, () => ({
      type: 'SetRules',
      formId,
      expectedVersion,
      rules,
    }));
  }

  @Post(':formId/publish')
  @HttpCode(200)
  @formIdParam
  @ApiOperation({ summary: 'Publish the draft: responses are validated against it from now on' })
  @ApiJsonBody(expectedVersionSchema, examples.versionOnly)
  @ApiJsonResponse(200, resultView, examples.published, changed)
  @changeProblems
  publish(
    @CurrentAuth() auth: AuthContext,
    @Param('formId') formId: string,
    @Body() body: unknown,
  ): Promise<FormCommandResult> {
    const { expectedVersion } = parseBody(expectedVersionSchema, body);
    return this.forms.execute(auth.orgId, formId, () => ({
      type: 'PublishForm',
      formId,
      expectedVersion,
    }));
  }

  @Post(':formId/close')
  @HttpCode(200)
  @formIdParam
  @ApiOperation({ summary: 'Close the form: it accepts no more responses and no more changes' })
  @ApiJsonBody(expectedVersionSchema, examples.versionOnly)
  @ApiJsonResponse(200, resultView, examples.closed, changed)
  @changeProblems
  close(
    @CurrentAuth() auth: AuthContext,
    @Param('formId') formId: string,
    @Body() body: unknown,
  ): Promise<FormCommandResult> {
    const { expectedVersion } = parseBody(expectedVersionSchema, body);
    return this.forms.execute(auth.orgId, formId, () => ({
      type: 'CloseForm',
      formId,
      expectedVersion,
    }));
  }
}

function questionIdMismatch(questionId: string) {
  return ApiError.validation([
    {
      path: '/question/questionId',
      code: 'question_id_mismatch',
      message: `question.questionId must be "${questionId}", the id in the path`,
    },
  ]);
}
