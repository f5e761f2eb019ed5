/** Failures the emulator injects on command. */
export interface FaultSettings {
  /** Added to every API and token request before it is answered. */
  readonly latencyMs: number;
  /** Share of API requests (0-1) answered with `errorStatus`, at random. */
  readonly errorRate: number;
  readonly errorStatus: 500 | 503;
  /** The next this many API requests fail with `errorStatus`, deterministically. */
  readonly failNext: number;
  /**
   * A full outage: `unavailable` answers 503 to every API and token request, `reset` drops
   * their connections without an answer. The control API and the HTML pages keep working.
   */
  readonly outage: 'off' | 'unavailable' | 'reset';
}

export const NO_FAULTS: FaultSettings = {
  latencyMs: 0,
  errorRate: 0,
  errorStatus: 503,
  failNext: 0,
  outage: 'off',
};
