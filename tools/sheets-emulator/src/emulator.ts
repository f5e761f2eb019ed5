import { GOOGLE_LIMITS, type Limits } from './model/limits';
import { GOOGLE_QUOTAS, QuotaPolicy, type QuotaSettings } from './quotas/quota-policy';
import { NO_FAULTS, type FaultSettings } from './state/faults';
import { loadState, saveState, type PersistedState } from './state/persisted-state';
import { SpreadsheetStore } from './state/spreadsheet-store';
import { Stats } from './state/stats';
import { WriteSpans } from './state/write-spans';

export interface EmulatorOptions {
  readonly quotas?: Partial<QuotaSettings>;
  readonly limits?: Partial<Limits>;
  /** JSON file the spreadsheets (and settings) are kept in across restarts; none: memory only. */
  readonly stateFile?: string;
  readonly clock?: () => number;
  readonly random?: () => number;
}

/** Everything the emulator knows: spreadsheets, settings, counters. The HTTP layer drives it. */
export class Emulator {
  readonly store = new SpreadsheetStore();
  readonly stats = new Stats();
  /** Start and end of every write request per spreadsheet (reset with the stats). */
  readonly writeSpans = new WriteSpans();
  readonly disabledAccounts = new Set<string>();
  readonly clock: () => number;
  readonly random: () => number;
  quotas: QuotaPolicy;
  limits: Limits;
  faults: FaultSettings = NO_FAULTS;
  private saveTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: EmulatorOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.random = options.random ?? Math.random;
    const saved = options.stateFile ? loadState(options.stateFile) : undefined;
    this.quotas = new QuotaPolicy({ ...GOOGLE_QUOTAS, ...saved?.quotas, ...options.quotas });
    this.limits = { ...GOOGLE_LIMITS, ...saved?.limits, ...options.limits };
    for (const spreadsheet of saved?.spreadsheets ?? []) this.store.put(spreadsheet);
    for (const account of saved?.disabledAccounts ?? []) this.disabledAccounts.add(account);
  }

  setQuotas(settings: Partial<QuotaSettings>): void {
    // A new policy starts with empty windows: what was counted under the old limits is dropped.
    this.quotas = new QuotaPolicy({ ...this.quotas.settings, ...settings });
    this.changed();
  }

  setLimits(limits: Partial<Limits>): void {
    this.limits = { ...this.limits, ...limits };
    this.changed();
  }

  setFaults(faults: Partial<FaultSettings>): void {
    this.faults = { ...this.faults, ...faults };
  }

  /** Back to a fresh emulator with Google's quotas and limits (and the options' overrides). */
  reset(): void {
    this.store.clear();
    this.stats.reset();
    this.writeSpans.reset();
    this.disabledAccounts.clear();
    this.quotas = new QuotaPolicy({ ...GOOGLE_QUOTAS, ...this.options.quotas });
    this.limits = { ...GOOGLE_LIMITS, ...this.options.limits };
    this.faults = NO_FAULTS;
    this.changed();
  }

  /** Schedules a save of the state file (at most one write per 200 ms). */
  changed(): void {
    if (!this.options.stateFile || this.saveTimer) return;
    this.saveTimer = setTimeout(() => this.flush(), 200);
  }

  flush(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (this.options.stateFile) saveState(this.options.stateFile, this.persisted());
  }

  private persisted(): PersistedState {
    return {
      version: 1,
      spreadsheets: this.store.list(),
      disabledAccounts: [...this.disabledAccounts],
      quotas: this.quotas.settings,
      limits: this.limits,
    };
  }
}
