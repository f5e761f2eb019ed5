import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  startIntegrationsApi,
  type IntegrationsApi,
} from '../../apps/api/src/integrations/integrations-api.testing';
import { runCli } from './src/cli';
import type { CliIo } from './src/cli-io';

const config = JSON.stringify({
  url: 'https://hooks.example.com/cli',
  authToken: 'tok-cli-secret-1',
});

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

describe('the operator CLI against an in-process API', () => {
  let api: IntegrationsApi;
  let baseUrl: string;
  let key: string;
  let formId: string;
  let type: string;

  beforeAll(async () => {
    api = await startIntegrationsApi();
    baseUrl = await api.listen();
    const org = await api.newOrganisation(['integrations:write']);
    key = org.key;
    formId = await api.newForm(org.orgId);
    type = await api.registerType();
  });
  afterAll(() => api?.close());

  async function collect(argv: string[], extra: Partial<CliIo> = {}): Promise<Run> {
    let out = '';
    let err = '';
    const code = await runCli(argv, {
      env: { COLLECT_API_URL: baseUrl, COLLECT_API_KEY: key },
      stdout: { write: (text: string) => (out += text) },
      stderr: { write: (text: string) => (err += text) },
      ...extra,
    });
    return { code, out, err };
  }

  const attachArgv = (): string[] => ['integrations', 'attach', '--form', formId, '--type', type];

  async function attach(): Promise<string> {
    const run = await collect([...attachArgv(), '--config', config, '--backfill', '--json']);
    expect(run.code).toBe(0);
    return (JSON.parse(run.out) as { integrationId: string }).integrationId;
  }

  it('attaches, lists, pauses, resumes and detaches, never printing a secret', async () => {
    const attached = await collect([...attachArgv(), '--name', 'From CLI', '--config', config]);
    expect(attached.code).toBe(0);
    expect(attached.out).toMatch(
      new RegExp(`^attached ${type} "From CLI" [0-9a-f-]{36} on form ${formId}: active, version 1`),
    );
    const id = /([0-9a-f-]{36}) on form/.exec(attached.out)![1]!;

    const listed = await collect(['integrations', 'list', '--form', formId]);
    expect(listed.out).toContain(id);
    expect(listed.out).toMatch(/ID\s+TYPE\s+NAME\s+STATE\s+VERSION\s+STATUS/);
    expect(listed.out).toContain('pending  delivered 0');

    expect((await collect(['integrations', 'pause', id])).out).toContain('paused');
    expect((await collect(['integrations', 'resume', id])).out).toContain('active, version 3');
    expect((await collect(['integrations', 'detach', id])).out).toContain('detached, version 4');
    const all = await collect(['integrations', 'list', '--form', formId, '--all', '--json']);
    const items = (
      JSON.parse(all.out) as { items: Array<{ integrationId: string; state: string }> }
    ).items;
    expect(items.find((i) => i.integrationId === id)?.state).toBe('detached');
    for (const run of [attached, listed, all]) expect(run.out).not.toContain('tok-cli-secret-1');
  });

  it('watches a backfill to its end with one plain line per change when stdout is not a terminal', async () => {
    const id = await attach();
    const report = (state: string, done: number | null) =>
      api.db.pool.query(
        `INSERT INTO integration_status (integration_id, state, delivered_count, dead_lettered_count,
           backfill_done, backfill_total, updated_at) VALUES ($1, $2, $3, 0, $4, $5, now())
         ON CONFLICT (integration_id) DO UPDATE SET state = EXCLUDED.state,
           delivered_count = EXCLUDED.delivered_count, backfill_done = EXCLUDED.backfill_done,
           backfill_total = EXCLUDED.backfill_total, updated_at = now()`,
        [id, state, done ?? 4, done, done === null ? null : 4],
      );
    await report('backfilling', 0);
    // The simulated runtime moves on each time the CLI waits between polls.
    const steps = [
      () => report('backfilling', 2),
      () => report('backfilling', 4),
      () => report('live', null),
    ];
    const sleep = async () => {
      await steps.shift()?.();
    };

    const run = await collect(['status', id, '--watch', '--interval', '1'], { sleep });

    expect(run.code).toBe(0);
    const lines = run.out.trimEnd().split('\n');
    expect(lines.map((line) => line.split('  ').slice(0, 2).join(' '))).toEqual([
      'backfilling 0/4 (0.0%)',
      'backfilling 2/4 (50.0%)',
      'backfilling 4/4 (100.0%)',
      'live delivered 4',
    ]);
    expect(run.out).not.toContain('\r');
  });

  it("prints the connector's status note the runtime wrote, with when it was made", async () => {
    const id = await attach();
    const text = 'continuing in tab "Responses (2)": "Responses" reached its cell limit';
    await api.db.pool.query(
      `INSERT INTO integration_status (integration_id, state, delivered_count, dead_lettered_count,
         note, note_at, updated_at) VALUES ($1, 'live', 7, 0, $2, '2026-12-04T10:00:00Z', now())`,
      [id, text],
    );
    const run = await collect(['integrations', 'status', id]);
    expect(run.code).toBe(0);
    expect(run.out.trimEnd().split('\n')[2]).toBe(`note (2026-12-04T10:00:00.000Z): ${text}`);
    const json = JSON.parse((await collect(['integrations', 'status', id, '--json'])).out) as {
      status: { note: string; noteAt: string };
    };
    expect(json.status).toMatchObject({ note: text, noteAt: '2026-12-04T10:00:00.000Z' });
  });

  it('draws a progress bar in place on a terminal, and stops watching a paused integration', async () => {
    const id = await attach();
    await api.db.pool.query(
      `INSERT INTO integration_status (integration_id, state, delivered_count, dead_lettered_count,
         backfill_done, backfill_total, updated_at) VALUES ($1, 'backfilling', 5, 0, 5, 20, now())`,
      [id],
    );
    let polls = 0;
    const sleep = async () => {
      if (++polls === 2) await collect(['integrations', 'pause', id]);
    };
    let out = '';
    const code = await runCli(['integrations', 'status', id, '--watch', '--interval', '1'], {
      env: { COLLECT_API_URL: baseUrl, COLLECT_API_KEY: key },
      stdout: { write: (text: string) => (out += text), isTTY: true },
      stderr: { write: () => undefined },
      sleep,
    });

    expect(code).toBe(1);
    expect(out).toContain('\rbackfilling  [########----------------------] 5/20 (25.0%)');
    expect(out).toContain('stopped watching: the integration is paused');
  });

  it('replays, lists dead letters and redrives them', async () => {
    const id = await attach();
    await api.db.pool.query(
      `INSERT INTO connector_dead_letters (dead_letter_id, integration_id, response_id, reason,
         source_topic, source_partition, source_offset, created_at)
       VALUES (gen_random_uuid(), $1, gen_random_uuid(), 'permanent_failure: opted out', $2, 0, 7, now())`,
      [id, api.topics.responses],
    );

    const replay = await collect(['integrations', 'replay', id, '--from', '2025-03-01T00:00:00Z']);
    const deadLetters = await collect(['integrations', 'dead-letters', id, '--pending']);
    const redrive = await collect(['integrations', 'redrive', id]);
    const none = await collect(['integrations', 'dead-letters', id, '--pending', '--json']);

    expect(replay.out).toMatch(
      /^replay from 2025-03-01T00:00:00Z recorded \(version 2\); 0 deliveries cleared; restarting at 0:0 1:0 2:0/,
    );
    expect(deadLetters.out).toContain('permanent_failure: opted out');
    expect(deadLetters.out).toContain('0:7');
    expect(redrive.out).toBe('1 dead letter(s) sent through again\n');
    expect(JSON.parse(none.out)).toEqual({ items: [] });
  });

  it("prints the API's problem with each field error and exits 1; usage mistakes exit 2", async () => {
    const invalid = await collect([...attachArgv(), '--config', '{"url":"nope"}']);
    expect(invalid.code).toBe(1);
    expect(invalid.err).toContain('error (422 invalid-integration-config)');
    expect(invalid.err).toContain('/config/authToken: authToken is required [required]');

    const missing = await collect(['integrations', 'list']);
    const unknown = await collect(['integrations', 'list', '--form', formId, '--colour']);
    expect([missing.code, unknown.code]).toEqual([2, 2]);
    expect(missing.err).toContain('--form is required');
  });

  it('runs as its own process (what `npm run collect` starts), reading COLLECT_API_URL and COLLECT_API_KEY from the environment', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'tools/cli/collect.ts',
        'integrations',
        'list',
        '--form',
        formId,
        '--json',
      ],
      { env: { ...process.env, COLLECT_API_URL: baseUrl, COLLECT_API_KEY: key }, timeout: 60_000 },
    );
    expect(Array.isArray((JSON.parse(stdout) as { items: unknown }).items)).toBe(true);
  });
});
