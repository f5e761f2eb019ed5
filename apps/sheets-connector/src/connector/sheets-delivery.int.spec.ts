import { eventually } from '../../../../test/support/eventually';
import { newForm, responsesOf, type TestForm } from '../../../test-connector/src/testing/responses';
import type { ResponseSubmitted } from '@collect/events';
import { SheetsHarness } from '../testing/sheets-harness';

// CI sizes; COLLECT_FULL=1 runs the sizes (5,000 responses across 20 forms, 30 writes/min).
const FULL = process.env.COLLECT_FULL === '1';
const FORMS = FULL ? 20 : 4;
const PER_FORM = FULL ? 250 : 60;

const OUTAGE_MS = FULL ? 5 * 60_000 : 4_000;

jest.setTimeout(FULL ? 30 * 60_000 : 90_000);

const harness = new SheetsHarness({ partitions: 3 });

beforeAll(() => harness.setUp());
afterAll(() => harness.tearDown());

interface Attached {
  readonly form: TestForm;
  readonly spreadsheetId: string;
  readonly integrationId: string;
}

async function attachSheet(form: TestForm, backfill = false): Promise<Attached> {
  const spreadsheetId = await harness.newSpreadsheet();
  const integrationId = await harness.attach(form, {
    backfill,
    config: { spreadsheetId, sheet: 'Responses' },
  });
  return { form, spreadsheetId, integrationId };
}

/** Waits until the tab holds the header plus `count` rows, then returns the rows (header first). */
async function rowsOnceComplete(
  attached: Attached,
  count: number,
  timeoutMs = FULL ? 25 * 60_000 : 80_000,
) {
  let rows: unknown[][] = [];
  await eventually(
    async () => {
      rows = await harness.rows(attached.spreadsheetId, 'Responses');
      return rows.length >= count + 1;
    },
    `${count} rows in ${attached.spreadsheetId}`,
    timeoutMs,
  );
  return rows;
}

async function untilFailing(attached: Attached, what: string): Promise<void> {
  await eventually(
    async () => (await harness.status(attached.integrationId))?.state === 'failing',
    what,
    30_000,
  );
}

/** An outage is a span of time, not a wait for a condition: the test holds it this long. */
function outageLasting(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Five responses of `form` every 250 ms until stopped; answers all it produced, in order. */
function steadyLoad(form: TestForm): { stop(): Promise<ResponseSubmitted[]> } {
  const produced: ResponseSubmitted[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const wave = responsesOf(form, 5);
      await harness.produce(wave);
      produced.push(...wave);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return produced;
    },
  };
}

function expectExactlyInOrder(rows: unknown[][], responses: readonly ResponseSubmitted[]) {
  expect(rows.slice(1).map((row) => row[0])).toEqual(responses.map((r) => r.responseId));
}

describe('Google Sheets connector against the emulator', () => {
  it('writes every response exactly once, in submission order per form, within a low write quota', async () => {
    await harness.control.setQuotas({ writesPerMinutePerUser: 30, writesPerMinutePerProject: 30 });
    const sheets = await Promise.all(Array.from({ length: FORMS }, () => attachSheet(newForm())));
    await harness.startSheetsRuntime({
      budgets: { perSpreadsheetPerMinute: 30, perUserPerMinute: 30, perProjectPerMinute: 30 },
    });
    const batches = sheets.map((s) => responsesOf(s.form, PER_FORM));
    // Interleaved submissions across forms, in a few waves so appends carry many rows each.
    for (let wave = 0; wave < 3; wave++) {
      const slice = (r: ResponseSubmitted[]) =>
        r.slice((wave * PER_FORM) / 3, ((wave + 1) * PER_FORM) / 3);
      await harness.produce(batches.flatMap(slice));
    }
    for (const [i, sheet] of sheets.entries()) {
      const rows = await rowsOnceComplete(sheet, PER_FORM);
      expectExactlyInOrder(rows, batches[i]!);
      expect(rows[0]).toEqual(['responseId', 'submittedAt', 'name', 'income']);
    }
    const stats = await harness.control.stats();
    expect(stats.totals.rateLimited).toBeLessThanOrEqual(5);
    await harness.stopSheetsRuntimes();
    await harness.control.setQuotas({
      writesPerMinutePerUser: 100_000,
      writesPerMinutePerProject: 100_000,
    });
  });

  it('gives a question added mid-stream a new column at the end and keeps old rows aligned', async () => {
    const sheet = await attachSheet(newForm());
    await harness.startSheetsRuntime();
    const before = responsesOf(sheet.form, 5);
    await harness.produce(before);
    await rowsOnceComplete(sheet, 5);
    const after = responsesOf(sheet.form, 5).map((r, i) => ({
      ...r,
      answers: [
        { questionId: 'age', value: 30 + i },
        ...r.answers,
        { questionId: 'x', value: '=IMPORTXML("http://x","//a")' },
      ],
    }));
    await harness.produce(after);
    const rows = await rowsOnceComplete(sheet, 10);
    expect(rows[0]).toEqual(['responseId', 'submittedAt', 'name', 'income', 'age', 'x']);
    expect(rows[1]!.slice(2)).toEqual(['secret answer 0', 0]);
    expect(rows[6]!.slice(2)).toEqual(['secret answer 0', 0, 30, '=IMPORTXML("http://x","//a")']);
    expectExactlyInOrder(rows, [...before, ...after]);
    await harness.stopSheetsRuntimes();
  });

  it('backfills a newly attached sheet with the form history, complete and in order, then live ones', async () => {
    const form = newForm();
    const history = responsesOf(form, FULL ? 10_000 : 300);
    await harness.produce(history);
    const sheet = await attachSheet(form, true);
    await harness.startSheetsRuntime();
    const live = responsesOf(form, 20);
    await harness.produce(live);
    const rows = await rowsOnceComplete(sheet, history.length + live.length);
    expectExactlyInOrder(rows, [...history, ...live]);
    await harness.stopSheetsRuntimes();
  });

  it('catches up after an emulator outage mid-load (dropped connections, then 503s), nothing lost or duplicated', async () => {
    const sheet = await attachSheet(newForm());
    await harness.startSheetsRuntime();
    const load = steadyLoad(sheet.form);
    await rowsOnceComplete(sheet, 20);
    // The 5-minute outage with COLLECT_FULL=1, a few seconds in CI: either way longer
    // than the harness's backoff cap, so retries reach their capped pace. The load goes on
    // throughout. First half: everything down, connections dropped (token endpoint included;
    // appends cut off are reconciled after). Second half: the API answers every call 503 (the
    // emulator counts these, not dropped connections).
    await harness.control.setFaults({ outage: 'reset' });
    await untilFailing(sheet, 'integration failing during the outage');
    await outageLasting(OUTAGE_MS / 2);
    await harness.control.setFaults({ outage: 'off', errorRate: 1, errorStatus: 503 });
    await outageLasting(OUTAGE_MS / 2);
    const rowsAtRecovery = (await harness.rows(sheet.spreadsheetId, 'Responses')).length;
    await harness.control.setFaults({ errorRate: 0 });
    const duringOutage = (await harness.control.stats()).bySpreadsheet[sheet.spreadsheetId];
    await rowsOnceComplete(sheet, rowsAtRecovery);
    const produced = await load.stop();
    expect(produced.length).toBeGreaterThan(rowsAtRecovery);
    const rows = await rowsOnceComplete(sheet, produced.length);
    expectExactlyInOrder(rows, produced);
    expect(duringOutage?.serverErrors).toBeGreaterThan(0);
    const after = (await harness.control.stats()).bySpreadsheet[sheet.spreadsheetId];
    if (FULL)
      process.stdout.write(
        `outage proof: ${OUTAGE_MS / 1_000} s outage, ${produced.length} responses, ${rowsAtRecovery - 1} rows before recovery, ` +
          `${after?.writes} writes, ${after?.rateLimited} 429s, ${after?.serverErrors} 5xx\n`,
      );
    await harness.stopSheetsRuntimes();
  });

  it('keeps responses waiting while access is revoked (failing, nothing dead-lettered) and resumes once restored', async () => {
    const sheet = await attachSheet(newForm());
    await harness.startSheetsRuntime();
    await harness.control.setAccess(sheet.spreadsheetId, true);
    const responses = responsesOf(sheet.form, 10);
    await harness.produce(responses);
    await untilFailing(sheet, 'integration failing while access is revoked');
    await harness.control.setAccess(sheet.spreadsheetId, false);
    const rows = await rowsOnceComplete(sheet, 10);
    expectExactlyInOrder(rows, responses);
    const { rows: dead } = await harness.pool.query(
      'SELECT 1 FROM connector_dead_letters WHERE integration_id = $1',
      [sheet.integrationId],
    );
    expect(dead).toHaveLength(0);
    await harness.stopSheetsRuntimes();
  });

  it('never appends a response twice after a crash between append and ledger write (reconciles from the tail)', async () => {
    const sheet = await attachSheet(newForm());
    let crashes = 3;
    await harness.startSheetsRuntime({
      wrap: (connector) => ({
        ...connector,
        async deliver(target, responses, signal, report) {
          const outcomes = await connector.deliver(target, responses, signal, report);
          if (crashes-- > 0) {
            // The rows landed; the process "dies" before the ledger hears of it.
            throw Object.assign(new Error('crashed after append'), { retriable: true });
          }
          return outcomes;
        },
      }),
    });
    const responses = responsesOf(sheet.form, 40);
    let rows: unknown[][] = [];
    for (let i = 0; i < 40; i += 10) {
      await harness.produce(responses.slice(i, i + 10));
      rows = await rowsOnceComplete(sheet, i + 10);
    }
    expect(crashes).toBeLessThan(0);
    expectExactlyInOrder(rows, responses);
    await harness.stopSheetsRuntimes();
  });

  it('waits (failing, not stopped) when access is revoked right after an unconfirmed append, then writes nothing twice', async () => {
    const sheet = await attachSheet(newForm());
    let crashed = false;
    await harness.startSheetsRuntime({
      wrap: (connector) => ({
        ...connector,
        async deliver(target, responses, signal, report) {
          const outcomes = await connector.deliver(target, responses, signal, report);
          if (crashed) return outcomes;
          crashed = true;
          await harness.control.setAccess(sheet.spreadsheetId, true);
          throw Object.assign(new Error('crashed after append'), { retriable: true });
        },
      }),
    });
    const responses = responsesOf(sheet.form, 10);
    await harness.produce(responses);
    await untilFailing(sheet, 'integration failing while the sheet cannot be read');
    await harness.control.setAccess(sheet.spreadsheetId, false);
    const more = responsesOf(sheet.form, 5);
    await harness.produce(more);
    const rows = await rowsOnceComplete(sheet, 15);
    expectExactlyInOrder(rows, [...responses, ...more]);
    await harness.stopSheetsRuntimes();
  });
});
