/** Progress lines for people watching a long step; stderr so stdout stays parseable. */
export function say(message: string): void {
  process.stderr.write(`==> ${message}\n`);
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
