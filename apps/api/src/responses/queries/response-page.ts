import { encodeCursor, pageOf, type Page } from '../../read-model';
import {
  answersByResponse,
  responseOf,
  type ResponseReadStore,
  type ResponseSlice,
} from './response-read-store';
import type { ResponseView } from './response-views';

/** One page of a form's responses with their answers; `limit + 1` rows say whether more follow. */
export async function responsePage(
  store: ResponseReadStore,
  orgId: string,
  formId: string,
  slice: ResponseSlice,
): Promise<Page<ResponseView>> {
  const rows = await store.slice(orgId, formId, { ...slice, limit: slice.limit + 1 });
  const pageRows = rows.slice(0, slice.limit);
  const answers = answersByResponse(
    await store.answers(
      formId,
      pageRows.map((row) => row.response_id),
    ),
  );
  return pageOf(
    rows,
    slice.limit,
    (row) => responseOf(row, answers.get(row.response_id) ?? []),
    (row) => encodeCursor('responses', { at: row.cursor_at, id: row.response_id }),
  );
}
