import { newForm, responsesOf } from '../../../test-connector/src/testing/responses';
import { SheetsConnectorError } from '../sheets/sheets-connector-error';
import { outcomesOf } from './outcomes';

const deliverable = responsesOf(newForm(), 3).map((response, i) => ({
  response,
  partition: 0,
  offset: BigInt(i),
  publishedAt: new Date(),
}));
const ids = deliverable.map((d) => d.response.responseId);

describe('delivery outcomes', () => {
  it('asks to retry the rest later after a 429, with its Retry-After', () => {
    const error = new SheetsConnectorError('rate_limited', 'quota', { retryAfterMs: 2_000 });
    const outcomes = outcomesOf(deliverable, { appended: [ids[0]!], stoppedBy: error });
    expect(outcomes.map((o) => o.status)).toEqual(['delivered', 'retry-later', 'retry-later']);
    expect(outcomes[1]).toMatchObject({ retryAfterMs: 2_000 });
  });

  it('keeps responses waiting (never failed) when the spreadsheet is gone', () => {
    const error = new SheetsConnectorError('spreadsheet_not_found', 'gone');
    const outcomes = outcomesOf(deliverable, { appended: [], stoppedBy: error });
    expect(outcomes.every((o) => o.status === 'retry-later')).toBe(true);
    expect(outcomes[0]?.status === 'retry-later' && outcomes[0].reason).toMatch(/^permanent/);
  });

  it('leaves responses unconfirmed when an append may have landed, so the runtime reconciles', () => {
    const error = new SheetsConnectorError('timeout', 'slow');
    const outcomes = outcomesOf(deliverable, {
      appended: [ids[0]!],
      stoppedBy: error,
      ambiguous: true,
    });
    expect(outcomes).toEqual([{ responseId: ids[0], status: 'delivered' }]);
  });

  it('throws a stop that is a bug rather than dropping responses', () => {
    const error = new SheetsConnectorError('invalid_request', 'bad');
    expect(() => outcomesOf(deliverable, { appended: [], stoppedBy: error })).toThrow(error);
  });

  it('asks for the rest at once when the call spent its one write request on the tab', () => {
    const outcomes = outcomesOf(deliverable, { appended: [], continuesLater: 'added tab' });
    expect(outcomes.map((o) => o.status)).toEqual(['retry-later', 'retry-later', 'retry-later']);
    expect(outcomes[0]).toMatchObject({ retryAfterMs: 0 });
  });
});
