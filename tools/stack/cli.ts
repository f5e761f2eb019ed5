/**
 * The local stack: real Kafka (KRaft), Postgres and a Confluent-compatible schema registry on
 * 127.0.0.1, plus every app. Usage: tsx tools/stack/cli.ts <up|down|status|logs|env> [options]
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { logsDir } from './src/layout';
import { LocalStack } from './src/stack';

const usage = `usage: stack <command>
  up [--apps]        start Kafka, Postgres and the schema registry (and every app with --apps); idempotent
  down               stop everything the stack started (data is kept in .local/stack)
  status             what runs, where, and whether it is ready
  logs [name] [-f]   tail a component's log (postgres, kafka, schema-registry, api, projector, ...)
  env                the environment an app needs to reach the stack (shell format)`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const stack = new LocalStack();
  switch (command) {
    case 'up':
      await stack.up({ withApps: rest.includes('--apps') });
      printStatus(await stack.status(), rest.includes('--apps'));
      return 0;
    case 'down':
      await stack.down();
      process.stderr.write('==> stack stopped\n');
      return 0;
    case 'status': {
      const rows = await stack.status();
      printStatus(rows, true);
      return rows.slice(0, 3).every((row) => row.ready) ? 0 : 3;
    }
    case 'logs':
      return tail(
        rest.find((arg) => !arg.startsWith('-')),
        rest.includes('-f'),
      );
    case 'env':
      for (const [key, value] of Object.entries(stack.env()))
        process.stdout.write(`export ${key}='${value}'\n`);
      return 0;
    default:
      process.stderr.write(`${usage}\n`);
      return command ? 2 : 0;
  }
}

function printStatus(rows: Awaited<ReturnType<LocalStack['status']>>, includeApps: boolean): void {
  const shown = includeApps ? rows : rows.slice(0, 3);
  const table = shown.map((row) => ({
    component: row.name,
    state: row.ready ? 'ready' : row.pid ? 'starting/unhealthy' : 'stopped',
    pid: row.pid ?? '-',
    address: row.address,
  }));
  console.table(table);
}

function tail(name: string | undefined, follow: boolean): Promise<number> {
  const files = name
    ? [join(logsDir, `${name}.log`)]
    : ['postgres', 'kafka', 'schema-registry'].map((n) => join(logsDir, `${n}.log`));
  const present = files.filter((file) => existsSync(file));
  if (present.length === 0) {
    process.stderr.write(`no log yet for ${name ?? 'the stack'} in ${logsDir}\n`);
    return Promise.resolve(1);
  }
  const child = spawn('tail', [...(follow ? ['-F'] : []), '-n', '100', ...present], {
    stdio: 'inherit',
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 0)));
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`stack: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
