/** What the emulator saw, for tests and benchmarks to assert on. */
export interface Counters {
  requests: number;
  reads: number;
  writes: number;
  /** 429 RESOURCE_EXHAUSTED answers. */
  rateLimited: number;
  /** 5xx answers (injected failures and outages). */
  serverErrors: number;
  /** Other 4xx answers: invalid requests, 401, 403, 404. */
  clientErrors: number;
}

export interface StatsSnapshot {
  readonly totals: Counters;
  /** Access tokens granted and refused by POST /token. */
  readonly tokens: { readonly granted: number; readonly refused: number };
  readonly bySpreadsheet: Readonly<Record<string, Counters>>;
  readonly byUser: Readonly<Record<string, Counters>>;
}

export interface RequestOutcome {
  readonly spreadsheetId: string | undefined;
  readonly user: string | undefined;
  readonly kind: 'read' | 'write';
  readonly status: number;
}

const zero = (): Counters => ({
  requests: 0,
  reads: 0,
  writes: 0,
  rateLimited: 0,
  serverErrors: 0,
  clientErrors: 0,
});

export class Stats {
  private totals = zero();
  private tokens = { granted: 0, refused: 0 };
  private readonly bySpreadsheet = new Map<string, Counters>();
  private readonly byUser = new Map<string, Counters>();

  record(outcome: RequestOutcome): void {
    const targets = [this.totals];
    if (outcome.spreadsheetId !== undefined)
      targets.push(entry(this.bySpreadsheet, outcome.spreadsheetId));
    if (outcome.user !== undefined) targets.push(entry(this.byUser, outcome.user));
    for (const counters of targets) {
      counters.requests++;
      if (outcome.kind === 'read') counters.reads++;
      else counters.writes++;
      if (outcome.status === 429) counters.rateLimited++;
      else if (outcome.status >= 500) counters.serverErrors++;
      else if (outcome.status >= 400) counters.clientErrors++;
    }
  }

  recordToken(granted: boolean): void {
    if (granted) this.tokens.granted++;
    else this.tokens.refused++;
  }

  snapshot(): StatsSnapshot {
    return {
      totals: { ...this.totals },
      tokens: { ...this.tokens },
      bySpreadsheet: Object.fromEntries([...this.bySpreadsheet].map(([k, v]) => [k, { ...v }])),
      byUser: Object.fromEntries([...this.byUser].map(([k, v]) => [k, { ...v }])),
    };
  }

  reset(): void {
    this.totals = zero();
    this.tokens = { granted: 0, refused: 0 };
    this.bySpreadsheet.clear();
    this.byUser.clear();
  }
}

function entry(map: Map<string, Counters>, key: string): Counters {
  let counters = map.get(key);
  if (!counters) {
    counters = zero();
    map.set(key, counters);
  }
  return counters;
}
