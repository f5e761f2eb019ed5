import type { CollectEvent } from '@collect/events';

interface PublishedTitles {
  readonly version: number;
  readonly titles: ReadonlyMap<string, string>;
}

const none: ReadonlyMap<string, string> = new Map();

/**
 * Question titles per form as its latest published definition names them (FormPublished carries
 * the whole definition, so no other event is needed: draft edits are not what responses answer).
 * A question no longer published keeps its last title, as its column keeps its place. Pure: an
 * older or repeated FormPublished changes nothing, so a replay is harmless.
 */
export class QuestionTitles {
  private readonly forms = new Map<string, PublishedTitles>();

  apply(event: CollectEvent): boolean {
    if (event.type !== 'FormPublished') return false;
    const known = this.forms.get(event.formId);
    if (known && known.version >= event.aggregateVersion) return false;
    const titles = new Map(known?.titles);
    for (const question of event.definition.questions) {
      titles.set(question.questionId, question.title);
    }
    this.forms.set(event.formId, { version: event.aggregateVersion, titles });
    return true;
  }

  /** The form version of the latest FormPublished applied; 0 when none. */
  publishedVersion(formId: string): number {
    return this.forms.get(formId)?.version ?? 0;
  }

  titlesOf(formId: string): ReadonlyMap<string, string> {
    return this.forms.get(formId)?.titles ?? none;
  }
}
