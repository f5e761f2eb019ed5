import { readFileSync } from 'node:fs';
import type { ApiClient } from './api-client';
import { UsageError, type CliIo } from './cli-io';
import { table } from './format';
import { noteLine, progressLine, type StatusSnapshot } from './progress';
import { watchStatus, type WatchedIntegration } from './watch-status';

/** The `integrations …` commands: each calls the API and prints a short summary (or `--json`). */

export type Flags = Readonly<Record<string, string | boolean | undefined>>;

interface Integration extends WatchedIntegration {
  readonly formId: string;
  readonly type: string;
  readonly name: string | null;
  readonly version: number;
  readonly updatedAt: string;
  readonly status: StatusSnapshot & { readonly updatedAt: string | null };
}

interface DeadLetter {
  readonly deadLetterId: string;
  readonly responseId: string;
  readonly reason: string;
  readonly sourcePartition: number | null;
  readonly sourceOffset: string | null;
  readonly createdAt: string;
  readonly redrivenAt: string | null;
}

export interface CommandContext {
  readonly client: ApiClient;
  readonly io: CliIo;
  readonly flags: Flags;
  readonly args: readonly string[];
}

const DEFAULT_INTERVAL_MS = 1000;

export const integrationCommands: Record<string, (context: CommandContext) => Promise<number>> = {
  async list({ client, io, flags }) {
    const form = required(flags, 'form');
    const query = flags.all ? '?includeDetached=true' : '';
    const { items } = await client.get<{ items: Integration[] }>(
      `v1/forms/${encodeURIComponent(form)}/integrations${query}`,
    );
    if (flags.json) return printJson(io, { items });
    io.stdout.write(
      `${table(
        ['ID', 'TYPE', 'NAME', 'STATE', 'VERSION', 'STATUS'],
        items.map((i) => [
          i.integrationId,
          i.type,
          i.name ?? '',
          i.state,
          String(i.version),
          progressLine(i.status, false),
        ]),
      )}\n`,
    );
    return 0;
  },

  async status(context) {
    const id = positional(context.args, 'integration id');
    const view = await context.client.get<Integration>(`v1/integrations/${encodeURIComponent(id)}`);
    if (!context.flags.watch) {
      if (context.flags.json) return printJson(context.io, view);
      const note = noteLine(view.status);
      context.io.stdout.write(
        `${describe(view)}\n${progressLine(view.status, false)}\n${note ? `${note}\n` : ''}`,
      );
      return 0;
    }
    return watch(context, id);
  },

  async attach(context) {
    const { client, io, flags } = context;
    const form = required(flags, 'form');
    const body = {
      type: required(flags, 'type'),
      ...(typeof flags.name === 'string' ? { name: flags.name } : {}),
      config: configFrom(required(flags, 'config')),
      backfill: flags.backfill === true,
    };
    const created = await client.send<Integration>(
      'POST',
      `v1/forms/${encodeURIComponent(form)}/integrations`,
      body,
    );
    if (flags.json) printJson(io, created);
    else io.stdout.write(`attached ${describe(created)}\n`);
    return flags.watch ? watch(context, created.integrationId, created.updatedAt) : 0;
  },

  pause: (context) => stateChange(context, 'pause'),
  resume: (context) => stateChange(context, 'resume'),

  async detach({ client, io, flags, args }) {
    const id = positional(args, 'integration id');
    const detached = await client.send<Integration>(
      'DELETE',
      `v1/integrations/${encodeURIComponent(id)}`,
    );
    if (flags.json) return printJson(io, detached);
    io.stdout.write(`detached ${describe(detached)}\n`);
    return 0;
  },

  async replay(context) {
    const { client, io, flags, args } = context;
    const id = positional(args, 'integration id');
    const from = required(flags, 'from');
    const replay = await client.send<{
      version: number;
      positions: Array<{ partition: number; offset: string }>;
      clearedDeliveries: number;
    }>('POST', `v1/integrations/${encodeURIComponent(id)}/replay`, { from });
    if (flags.json) printJson(io, replay);
    else {
      const positions = replay.positions.map((p) => `${p.partition}:${p.offset}`).join(' ');
      io.stdout.write(
        `replay from ${from} recorded (version ${replay.version}); ${replay.clearedDeliveries} deliveries cleared; restarting at ${positions}\n`,
      );
    }
    if (!flags.watch) return 0;
    const view = await client.get<Integration>(`v1/integrations/${encodeURIComponent(id)}`);
    return watch(context, id, view.updatedAt);
  },

  async 'dead-letters'({ client, io, flags, args }) {
    const id = positional(args, 'integration id');
    const items: DeadLetter[] = [];
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ limit: '1000' });
      if (flags.pending) query.set('pending', 'true');
      if (cursor) query.set('cursor', cursor);
      const page: { items: DeadLetter[]; nextCursor: string | null } = await client.get(
        `v1/integrations/${encodeURIComponent(id)}/dead-letters?${query.toString()}`,
      );
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    if (flags.json) return printJson(io, { items });
    io.stdout.write(
      `${table(
        ['ID', 'RESPONSE', 'SOURCE', 'CREATED', 'REDRIVEN', 'REASON'],
        items.map((d) => [
          d.deadLetterId,
          d.responseId,
          d.sourcePartition === null ? '' : `${d.sourcePartition}:${d.sourceOffset}`,
          d.createdAt,
          d.redrivenAt ?? '',
          d.reason,
        ]),
      )}\n`,
    );
    return 0;
  },

  async redrive({ client, io, flags, args }) {
    const id = positional(args, 'integration id');
    const ids =
      typeof flags.ids === 'string'
        ? flags.ids
            .split(',')
            .map((one) => one.trim())
            .filter(Boolean)
        : undefined;
    const result = await client.send<{ redriven: number }>(
      'POST',
      `v1/integrations/${encodeURIComponent(id)}/dead-letters/redrive`,
      ids ? { ids } : {},
    );
    if (flags.json) return printJson(io, result);
    io.stdout.write(`${result.redriven} dead letter(s) sent through again\n`);
    return 0;
  },
};

async function stateChange(
  { client, io, flags, args }: CommandContext,
  action: 'pause' | 'resume',
): Promise<number> {
  const id = positional(args, 'integration id');
  const view = await client.send<Integration>(
    'POST',
    `v1/integrations/${encodeURIComponent(id)}/${action}`,
    {},
  );
  if (flags.json) return printJson(io, view);
  io.stdout.write(`${action === 'pause' ? 'paused' : 'resumed'} ${describe(view)}\n`);
  return 0;
}

async function watch(context: CommandContext, id: string, since?: string): Promise<number> {
  const interval = context.flags.interval;
  const timeout = context.flags.timeout;
  const { finished } = await watchStatus(context.client, id, context.io, {
    intervalMs:
      typeof interval === 'string' ? positiveNumber(interval, 'interval') : DEFAULT_INTERVAL_MS,
    ...(since ? { since } : {}),
    ...(typeof timeout === 'string'
      ? { timeoutMs: positiveNumber(timeout, 'timeout') * 1000 }
      : {}),
  });
  return finished ? 0 : 1;
}

function describe(view: Integration): string {
  const name = view.name ? ` "${view.name}"` : '';
  return `${view.type}${name} ${view.integrationId} on form ${view.formId}: ${view.state}, version ${view.version}`;
}

function printJson(io: CliIo, value: unknown): number {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  return 0;
}

function required(flags: Flags, name: string): string {
  const value = flags[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

function positional(args: readonly string[], what: string): string {
  const value = args[0];
  if (!value) throw new UsageError(`the ${what} is required`);
  return value;
}

function positiveNumber(text: string, name: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new UsageError(`--${name} must be a positive number`);
  return value;
}

/** `--config '{"a":1}'` or `--config @path/to/config.json`. */
function configFrom(text: string): Record<string, unknown> {
  const source = text.startsWith('@') ? readFileSync(text.slice(1), 'utf8') : text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch {
    throw new UsageError('--config must be a JSON object, or @file holding one');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UsageError('--config must be a JSON object, or @file holding one');
  }
  return parsed as Record<string, unknown>;
}
