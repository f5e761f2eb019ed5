import { Injectable } from '@nestjs/common';
import { FormsView } from '../events';
import { isUuid } from '../read-model';
import { formNotFound } from './integration-problems';

/**
 * Whether a form belongs to the caller's organisation, from the API's forms view (every form, in
 * memory). A form the view does not know yet (created a moment ago on another replica) is looked
 * up again after catching up with the forms topic. Another organisation's form is 404.
 */
@Injectable()
export class FormOwnership {
  constructor(private readonly view: FormsView) {}

  async assert(orgId: string, formId: string): Promise<void> {
    if (!isUuid(formId)) throw formNotFound();
    if (this.owns(orgId, formId)) return;
    await this.view.catchUp();
    if (!this.owns(orgId, formId)) throw formNotFound();
  }

  private owns(orgId: string, formId: string): boolean {
    const form = this.view.get(formId);
    return form.status !== 'not_created' && form.orgId === orgId;
  }
}
