// `npm run collect -- <command>`: the operator CLI over the Collect API (see src/cli.ts for usage).
import { runCli } from './src/cli';

runCli(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr })
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(
      `collect failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exitCode = 1;
  });
