import type { CollectEvent, FormDefinition, FormEvent } from '@collect/events';
import { evolve, noForm, type ExistingForm, type FormState } from '../../forms/domain';

/** What a published form accepts, as the response path needs it. */
export interface PublishedForm {
  /** `aggregateVersion` of the FormPublished event; responses record it as `formVersion`. */
  readonly formVersion: number;
  readonly definition: FormDefinition;
  readonly status: 'published' | 'closed';
}

export type ApplyOutcome = 'applied' | 'out_of_sequence' | 'not_a_form_event';

/**
 * Every form's state, folded with the domain's `evolve`. An event is applied only when it is the
 * next one of its form (FormCreated for an unknown form, else version + 1): a replay re-reading
 * old events changes nothing, and if two writers ever appended the same version, every reader
 * keeps the first, so all replicas agree.
 */
export class FormStates {
  private readonly forms = new Map<string, ExistingForm>();

  get size(): number {
    return this.forms.size;
  }

  get(formId: string): FormState {
    return this.forms.get(formId) ?? noForm;
  }

  apply(event: CollectEvent): ApplyOutcome {
    if (!isFormEvent(event)) return 'not_a_form_event';
    const current = this.forms.get(event.formId);
    const expected = current ? current.version + 1 : 1;
    if (event.aggregateVersion !== expected || (event.type === 'FormCreated') !== !current) {
      return 'out_of_sequence';
    }
    const next = evolve(current ?? noForm, event);
    if (next.status !== 'not_created') this.forms.set(event.formId, next);
    return 'applied';
  }

  published(orgId: string, formId: string): PublishedForm | undefined {
    const form = this.forms.get(formId);
    if (!form || form.orgId !== orgId || form.status === 'draft') return undefined;
    if (form.publishedVersion === null || form.publishedDefinition === null) return undefined;
    return {
      formVersion: form.publishedVersion,
      definition: form.publishedDefinition,
      status: form.status,
    };
  }
}

// A Record keyed by the union: adding a form event type without listing it here fails to compile.
const formEventTypes: Readonly<Record<FormEvent['type'], true>> = {
  FormCreated: true,
  FormDetailsChanged: true,
  QuestionAdded: true,
  QuestionChanged: true,
  QuestionRemoved: true,
  QuestionsReordered: true,
  FormRulesChanged: true,
  FormPublished: true,
  FormClosed: true,
};

const isFormEvent = (event: CollectEvent): event is FormEvent =>
  Object.hasOwn(formEventTypes, event.type);
