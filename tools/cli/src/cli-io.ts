/** Where the CLI reads its settings and writes its output (the process's, or a test's). */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown };
  /** Waits between status polls; tests may shorten it. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** A mistake in the command line: usage is printed, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
