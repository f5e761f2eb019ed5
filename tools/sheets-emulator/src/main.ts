/**
 * The Google Sheets API emulator as a process (the local stack runs it as a daemon).
 * Environment: SHEETS_EMULATOR_HOST (127.0.0.1), SHEETS_EMULATOR_PORT (28090),
 * SHEETS_EMULATOR_STATE_FILE (optional: keep spreadsheets across restarts).
 */
import { startSheetsEmulator } from './server';

async function main(): Promise<void> {
  const running = await startSheetsEmulator({
    host: process.env.SHEETS_EMULATOR_HOST ?? '127.0.0.1',
    port: Number(process.env.SHEETS_EMULATOR_PORT ?? 28090),
    stateFile: process.env.SHEETS_EMULATOR_STATE_FILE || undefined,
    log: true,
  });
  process.stdout.write(`sheets emulator listening on ${running.url}\n`);
  const stop = () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `sheets emulator: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
