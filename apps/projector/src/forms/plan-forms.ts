import type { FormEvent } from '@collect/events';
import { isUuid } from '../batches/invariants';
import type { Positioned, Rejection } from '../batches/positioned';
import { evolveFormProjection } from './evolve-form-projection';
import type { FormProjection, FormRow, FormVersionRow, QuestionRow } from './form-rows';

export interface FormsPlan {
  /** The final row of every form the batch changed. */
  readonly forms: readonly FormRow[];
  /** Every question row of those forms (positions recomputed). */
  readonly questions: readonly QuestionRow[];
  readonly versions: readonly FormVersionRow[];
  readonly rejected: readonly Rejection[];
  readonly duplicates: number;
}

/**
 * Pure: folds a batch of form events, in log order, over the forms as the read model holds them
 * (`known`, by lower-case formId), into the rows to upsert.
 */
export function planForms(
  events: readonly Positioned<FormEvent>[],
  known: ReadonlyMap<string, FormProjection>,
): FormsPlan {
  const changed = new Map<string, FormProjection>();
  const versions: FormVersionRow[] = [];
  const rejected: Rejection[] = [];
  let duplicates = 0;
  for (const { event, offset } of events) {
    const formId = event.formId.toLowerCase();
    const outcome = evolveFormProjection(changed.get(formId) ?? known.get(formId), event);
    if (outcome.kind === 'duplicate') duplicates++;
    else if (outcome.kind === 'rejected') rejected.push({ offset, reason: outcome.reason });
    else {
      changed.set(formId, outcome.projection);
      versions.push(outcome.version);
    }
  }
  const projections = [...changed.values()];
  return {
    forms: projections.map((projection) => projection.form),
    questions: projections.flatMap((projection) => [...projection.questions.values()]),
    versions,
    rejected,
    duplicates,
  };
}

/** The formIds a plan needs loaded: only well-formed ones (anything else is rejected anyway). */
export function formIdsOf(events: readonly Positioned<FormEvent>[]): string[] {
  return [...new Set(events.map(({ event }) => event.formId.toLowerCase()))].filter(isUuid);
}
