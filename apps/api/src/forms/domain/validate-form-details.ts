import { FormError } from './form-error';
import { formLimits } from './form-limits';

export interface FormDetails {
  readonly title: string;
  readonly description: string | null;
}

/** Checks title and description and returns them trimmed (an empty description becomes null). */
export const validateFormDetails = (details: FormDetails): FormDetails => {
  const title = typeof details.title === 'string' ? details.title.trim() : '';
  if (title.length === 0 || title.length > formLimits.titleMaxLength) {
    throw new FormError(
      'invalid_form_details',
      `Give the form a title of 1 to ${formLimits.titleMaxLength} characters.`,
      { path: 'title' },
    );
  }
  const description = details.description?.trim() || null;
  if (description !== null && description.length > formLimits.descriptionMaxLength) {
    throw new FormError(
      'invalid_form_details',
      `Shorten the description to at most ${formLimits.descriptionMaxLength} characters (it has ${description.length}).`,
      { path: 'description' },
    );
  }
  return { title, description };
};
