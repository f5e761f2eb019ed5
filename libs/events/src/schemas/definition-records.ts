import { questionTypes } from '../form-definition';
import { nullableField, stringArray, type AvroRecordSchema } from './avro-schema';

// Nested records of form-definition.ts. Each function returns the full definition: every event
// schema is self-contained (no schema references) and defines each named type exactly once.

export function choiceOptionRecord(): AvroRecordSchema {
  return {
    type: 'record',
    name: 'ChoiceOption',
    fields: [
      { name: 'optionId', type: 'string' },
      { name: 'label', type: 'string' },
    ],
  };
}

export function questionConstraintsRecord(): AvroRecordSchema {
  return {
    type: 'record',
    name: 'QuestionConstraints',
    doc: 'Constraints that fit the question type; fields that do not apply are null.',
    fields: [
      nullableField('minLength', 'int'),
      nullableField('maxLength', 'int'),
      nullableField('pattern', 'string', 'RE2-compatible'),
      nullableField('min', 'double'),
      nullableField('max', 'double'),
      nullableField('integer', 'boolean'),
      nullableField('minDate', 'string', 'YYYY-MM-DD'),
      nullableField('maxDate', 'string', 'YYYY-MM-DD'),
      nullableField('options', { type: 'array', items: choiceOptionRecord() }),
      nullableField('minSelected', 'int'),
      nullableField('maxSelected', 'int'),
    ],
  };
}

export function questionRecord(): AvroRecordSchema {
  return {
    type: 'record',
    name: 'Question',
    fields: [
      { name: 'questionId', type: 'string' },
      // A string, not an Avro enum: a reader resolving a writer enum with a symbol it lacks fails
      // on every value of that schema, so adding a question type would break not-yet-upgraded readers.
      { name: 'type', type: 'string', doc: `One of: ${questionTypes.join(', ')}.` },
      { name: 'title', type: 'string' },
      nullableField('description', 'string'),
      { name: 'required', type: 'boolean' },
      { name: 'constraints', type: questionConstraintsRecord() },
    ],
  };
}

export function businessRuleRecord(): AvroRecordSchema {
  return {
    type: 'record',
    name: 'BusinessRule',
    doc: 'A CEL expression over answers.<questionId> that must hold; violations are reported on questionIds.',
    fields: [
      { name: 'ruleId', type: 'string' },
      { name: 'expression', type: 'string' },
      { name: 'message', type: 'string' },
      { name: 'questionIds', type: stringArray },
    ],
  };
}

export function formDefinitionRecord(): AvroRecordSchema {
  return {
    type: 'record',
    name: 'FormDefinition',
    fields: [
      { name: 'title', type: 'string' },
      nullableField('description', 'string'),
      { name: 'questions', type: { type: 'array', items: questionRecord() } },
      { name: 'rules', type: { type: 'array', items: businessRuleRecord() } },
    ],
  };
}

export function answerRecord(): AvroRecordSchema {
  return {
    type: 'record',
    name: 'Answer',
    fields: [
      { name: 'questionId', type: 'string' },
      {
        name: 'value',
        // Branches JS values tell apart (see avroType): number answers are double, never int.
        type: ['boolean', 'double', 'string', stringArray],
        doc: 'text/email/phone/date/single choice: string; number/rating: double; boolean; multiple choice: array of strings.',
      },
    ],
  };
}

export function responseMetadataRecord(): AvroRecordSchema {
  return {
    type: 'record',
    name: 'ResponseMetadata',
    fields: [
      { name: 'source', type: 'string', doc: 'e.g. web, ios, field-app, import' },
      { name: 'hiddenFields', type: { type: 'map', values: 'string' } },
      nullableField('locale', 'string'),
    ],
  };
}
