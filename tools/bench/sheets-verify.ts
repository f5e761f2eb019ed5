// After the Sheets throughput run: every tab holds exactly a prefix of its form's responses, in
// submission order, each once (a fast run that lost or doubled rows would prove nothing).
import type { SheetsEmulatorControl } from '../sheets-emulator/src/control-client';
import { BENCH_TAB, type BenchForm } from './sheets-backlog';

export interface Exactness {
  readonly rows: number;
  readonly duplicates: number;
  /** Tabs whose rows are not the first N responses of their form, in order. */
  readonly outOfOrderTabs: number;
  readonly line: string;
}

export async function verifySheets(
  control: SheetsEmulatorControl,
  forms: readonly BenchForm[],
): Promise<Exactness> {
  let rows = 0;
  let duplicates = 0;
  let outOfOrderTabs = 0;
  for (const form of forms) {
    const dump = await control.spreadsheet(form.spreadsheetId);
    const ids = (dump.values[BENCH_TAB] ?? []).slice(1).map((row) => row[0]);
    rows += ids.length;
    duplicates += ids.length - new Set(ids).size;
    if (ids.some((id, i) => id !== form.responseIds[i])) outOfOrderTabs++;
  }
  const ok = duplicates === 0 && outOfOrderTabs === 0;
  return {
    rows,
    duplicates,
    outOfOrderTabs,
    line: ok
      ? `exactness: ${rows.toLocaleString('en-GB')} rows, each its form's next response in order, none twice`
      : `EXACTNESS FAILED: ${duplicates} duplicate rows, ${outOfOrderTabs} tabs not a prefix of their form's responses in order`,
  };
}
