import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Limits } from '../model/limits';
import type { SpreadsheetState } from '../model/workbook';
import type { QuotaSettings } from '../quotas/quota-policy';

/** What survives an emulator restart when it runs with a state file. Counters do not. */
export interface PersistedState {
  readonly version: 1;
  readonly spreadsheets: readonly SpreadsheetState[];
  readonly disabledAccounts: readonly string[];
  readonly quotas: QuotaSettings;
  readonly limits: Limits;
}

export function loadState(path: string): PersistedState | undefined {
  if (!existsSync(path)) return undefined;
  const state = JSON.parse(readFileSync(path, 'utf8')) as PersistedState;
  if (state.version !== 1)
    throw new Error(`${path}: unknown state version ${String(state.version)}`);
  return state;
}

/** Written to a temporary file and renamed, so a crash mid-write leaves the previous state. */
export function saveState(path: string, state: PersistedState): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(state));
  renameSync(temporary, path);
}
