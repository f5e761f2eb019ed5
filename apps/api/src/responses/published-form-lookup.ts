import { unavailableOutcome } from './failure-outcomes';
import type { PublishedForms, PublishedFormView } from './submission-ports';
import { rejections, type SubmissionOutcome } from './submission-outcome';

/** The form to validate against, or the outcome every submission to it gets. */
export type PublishedFormLookup = { form: PublishedFormView } | { outcome: SubmissionOutcome };

/**
 * The published form to validate submissions against. A retriable failure of the forms view is a
 * 503 (Retry-After: the failure's, else `retryAfterSeconds`); any other failure is thrown.
 */
export async function findPublishedForm(
  forms: PublishedForms,
  orgId: string,
  formId: string,
  retryAfterSeconds: number,
): Promise<PublishedFormLookup> {
  let form: PublishedFormView | undefined;
  try {
    form = await forms.publishedDefinition(orgId, formId);
  } catch (error) {
    const outcome = unavailableOutcome(error, retryAfterSeconds);
    if (outcome === undefined) throw error;
    return { outcome };
  }
  if (!form) {
    return {
      outcome: isDraft(forms, orgId, formId)
        ? rejections.formNotPublished()
        : rejections.formNotFound(),
    };
  }
  if (form.status === 'closed') return { outcome: rejections.formClosed() };
  if (form.status !== 'published') return { outcome: rejections.formNotPublished() };
  return { form };
}

function isDraft(forms: PublishedForms, orgId: string, formId: string): boolean {
  const state = forms.get?.(formId);
  return state?.status === 'draft' && state.orgId === orgId;
}
