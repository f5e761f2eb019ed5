import { parse } from '@marcbachmann/cel-js';
import type { AnswerValue, BusinessRule, FormDefinition, Question } from '@collect/events';
import { answerPatternProblem, compileAnswerPattern } from '../../forms/domain';

/** What a rule sees: the valid answers by questionId, on a null prototype (see ruleContext). */
export interface RuleContext {
  readonly answers: Readonly<Record<string, AnswerValue>>;
}

/** A compiled CEL expression: evaluates against `{ answers }`. */
export type CompiledExpression = (context: RuleContext) => unknown;

export type RuleOutcome = 'held' | 'violated' | 'skipped';

/** A published definition that cannot be enforced as written; the form should be fixed and re-published. */
export interface DefinitionProblem {
  readonly kind: 'rule' | 'pattern';
  /** The ruleId or questionId at fault. */
  readonly id: string;
  readonly reason: string;
}

export interface CompiledRule {
  readonly rule: BusinessRule;
  readonly evaluate: (context: RuleContext) => RuleOutcome;
}

/**
 * The context every rule of one submission evaluates against, built once. A null prototype, so
 * `answers.constructor` is a missing answer rather than Object's.
 */
export const ruleContext = (answers: ReadonlyMap<string, AnswerValue>): RuleContext => {
  const byQuestion = Object.create(null) as Record<string, AnswerValue>;
  for (const [questionId, value] of answers) byQuestion[questionId] = value;
  return { answers: byQuestion };
};

export interface CompiledDefinition {
  readonly questions: ReadonlyMap<string, Question>;
  /** Anchored, Unicode patterns of text questions; absent when the question has none or it is unusable. */
  readonly patterns: ReadonlyMap<string, RegExp>;
  readonly rules: readonly CompiledRule[];
}

export interface RuleEngineOptions {
  readonly compileExpression?: (expression: string) => CompiledExpression;
  readonly compilePattern?: (pattern: string) => RegExp;
  /** Told about rules and patterns that are skipped because the definition is broken (log or count them). */
  readonly onDefinitionProblem?: (problem: DefinitionProblem) => void;
}

const isMissingAnswer = (error: unknown): boolean =>
  (error as { code?: unknown } | null)?.code === 'no_such_key';

/**
 * Compiles what a published definition enforces beyond single answers' types — answer patterns
 * and business rules — once per definition object, and evaluates rules.
 *
 * Rule semantics: absent answers are absent from `answers`. A rule whose result depends on an
 * absent answer fails with CEL's no_such_key and is skipped, not violated (`has(answers.x)` lets
 * a rule speak about absent answers). Any other evaluation error or a non-bool result is also
 * skipped and reported through `onDefinitionProblem`: the respondent cannot fix the author's rule,
 * and publishing type-checks rules so this should not happen. Numbers reach CEL as doubles.
 */
export class RuleEngine {
  private readonly compiled = new WeakMap<FormDefinition, CompiledDefinition>();
  private readonly compileExpression: (expression: string) => CompiledExpression;
  private readonly compilePattern: (pattern: string) => RegExp;
  private readonly onDefinitionProblem: (problem: DefinitionProblem) => void;

  constructor(options: RuleEngineOptions = {}) {
    this.compileExpression =
      options.compileExpression ?? ((expression) => parse(expression) as CompiledExpression);
    this.compilePattern = options.compilePattern ?? compileAnswerPattern;
    this.onDefinitionProblem = options.onDefinitionProblem ?? (() => undefined);
  }

  /** The compiled form of `definition`, cached by object identity: keep one object per published version. */
  compile(definition: FormDefinition): CompiledDefinition {
    let compiled = this.compiled.get(definition);
    if (!compiled) {
      compiled = {
        questions: new Map(definition.questions.map((question) => [question.questionId, question])),
        patterns: this.compilePatterns(definition.questions),
        rules: definition.rules.flatMap((rule) => this.compileRule(rule)),
      };
      this.compiled.set(definition, compiled);
    }
    return compiled;
  }

  private compilePatterns(questions: readonly Question[]): ReadonlyMap<string, RegExp> {
    const patterns = new Map<string, RegExp>();
    for (const { questionId, constraints } of questions) {
      if (constraints.pattern === null) continue;
      const problem = answerPatternProblem(constraints.pattern);
      if (problem) {
        this.onDefinitionProblem({ kind: 'pattern', id: questionId, reason: problem });
        continue;
      }
      patterns.set(questionId, this.compilePattern(constraints.pattern));
    }
    return patterns;
  }

  private compileRule(rule: BusinessRule): CompiledRule[] {
    let expression: CompiledExpression;
    try {
      expression = this.compileExpression(rule.expression);
    } catch (error) {
      this.onDefinitionProblem({
        kind: 'rule',
        id: rule.ruleId,
        reason: `does not compile: ${(error as Error).message}`,
      });
      return [];
    }
    const evaluate = (context: RuleContext): RuleOutcome => {
      try {
        const result = expression(context);
        if (typeof result === 'boolean') return result ? 'held' : 'violated';
        this.onDefinitionProblem({
          kind: 'rule',
          id: rule.ruleId,
          reason: `yields ${typeof result}, not a bool`,
        });
      } catch (error) {
        if (!isMissingAnswer(error)) {
          this.onDefinitionProblem({
            kind: 'rule',
            id: rule.ruleId,
            reason: `fails: ${(error as Error).message.split('\n')[0]}`,
          });
        }
      }
      return 'skipped';
    };
    return [{ rule, evaluate }];
  }
}
