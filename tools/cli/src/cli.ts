import { parseArgs } from 'node:util';
import { ApiClient, ApiProblem } from './api-client';
import { UsageError, type CliIo } from './cli-io';
import { integrationCommands } from './integrations-commands';

export const usage = `Usage: collect <command> [options]      (npm run collect -- <command> …)

Reads COLLECT_API_URL (default http://127.0.0.1:3000) and COLLECT_API_KEY (an organisation API key).

  integrations list --form <formId> [--all]
  integrations attach --form <formId> --type <type> --config <json|@file> [--name <name>] [--backfill] [--watch]
  integrations status <integrationId> [--watch] [--interval <ms>] [--timeout <s>]
  integrations pause <integrationId>
  integrations resume <integrationId>
  integrations detach <integrationId>
  integrations replay <integrationId> --from <ISO instant> [--watch]
  integrations dead-letters <integrationId> [--pending]
  integrations redrive <integrationId> [--ids <id,id,…>]
  status <integrationId> --watch          (same as integrations status)

Every command takes --json to print the API's answer as it is. --watch draws a progress bar on a
terminal and plain lines otherwise, until the backfill or replay is over (exit 0), the
integration is paused or detached, or --timeout passes (exit 1).
`;

const options = {
  form: { type: 'string' },
  type: { type: 'string' },
  name: { type: 'string' },
  config: { type: 'string' },
  from: { type: 'string' },
  ids: { type: 'string' },
  interval: { type: 'string' },
  timeout: { type: 'string' },
  backfill: { type: 'boolean' },
  watch: { type: 'boolean' },
  all: { type: 'boolean' },
  pending: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * Runs one command line and resolves with the exit code: 0 done, 1 the API refused or is
 * unreachable (its problem is printed), 2 a usage mistake.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options,
      allowPositionals: true,
      strict: true,
    });
    const [group, ...rest] = positionals;
    if (values.help || group === undefined || group === 'help') {
      io.stdout.write(usage);
      return group === undefined && !values.help ? 2 : 0;
    }
    const [name, ...args] = group === 'status' ? ['status', ...rest] : rest;
    if (group !== 'integrations' && group !== 'status')
      throw new UsageError(`unknown command "${group}"`);
    const command = name === undefined ? undefined : integrationCommands[name];
    if (!command) throw new UsageError(`unknown integrations command "${name ?? ''}"`);
    const apiKey = io.env.COLLECT_API_KEY;
    if (!apiKey) throw new UsageError('set COLLECT_API_KEY to an organisation API key');
    const client = new ApiClient({
      baseUrl: io.env.COLLECT_API_URL ?? 'http://127.0.0.1:3000',
      apiKey,
    });
    return await command({ client, io, flags: values, args });
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof ApiProblem) {
    const status = error.status === 0 ? '' : ` (${error.status} ${error.code})`;
    io.stderr.write(`error${status}: ${error.message}\n`);
    for (const e of error.errors) io.stderr.write(`  ${e.path || '/'}: ${e.message} [${e.code}]\n`);
    return 1;
  }
  if (
    error instanceof UsageError ||
    (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
  ) {
    io.stderr.write(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  throw error;
}
