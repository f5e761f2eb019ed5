import { setTimeout as sleep } from 'node:timers/promises';
import { eventually } from '../../../test/support/eventually';
import { type RunningApp, waitForListening } from '../../../test/support/app-process';
import { ConnectorHarness } from './testing/connector-harness';
import { ConnectorProcesses } from './testing/connector-processes';
import { newForm, responsesOf, type TestForm } from './testing/responses';

// CI: 3,000 responses; COLLECT_FULL=1: the 20,000.
const full = process.env.COLLECT_FULL === '1';
const total = full ? 20_000 : 3_000;
const kills = 20;

describe('the test connector killed with SIGKILL at random moments during a load', () => {
  const harness = new ConnectorHarness({ partitions: 6 });
  // The broker's minimum session timeout: a killed member's partitions move on after at most 6 s.
  const processes = new ConnectorProcesses(harness, {
    CONNECTOR_SESSION_TIMEOUT_MS: '6000',
    CONNECTOR_HEARTBEAT_INTERVAL_MS: '500',
    LOG_LEVEL: 'info',
  });

  beforeAll(() => harness.setUp());
  afterAll(async () => {
    await processes.stopAll();
    await harness.tearDown();
  });

  it(`delivers every one of ${total} responses exactly once, in order, to every integration, across ${kills} SIGKILLs of two replicas`, async () => {
    const forms: TestForm[] = Array.from({ length: 6 }, () => newForm());
    const integrations = new Map<string, TestForm>();
    // A slow target (like a real API), so kills land between claim, send and record.
    const config = { latencyMs: 60 };
    for (const form of forms) {
      integrations.set(await harness.attach(form, { config }), form);
      integrations.set(await harness.attach(form, { config }), form);
    }
    const responses = responsesOf(forms[0]!, 0);
    for (let i = 0; i < total; i++) responses.push(responsesOf(forms[i % forms.length]!, 1)[0]!);

    const replicas: RunningApp[] = [await processes.start(), await processes.start()];
    // The load arrives steadily while the kills happen: small batches every 100 ms.
    let produced = 0;
    let killing = true;
    const perTick = Math.max(5, Math.ceil(total / 600));
    const load = (async () => {
      while (produced < total) {
        const next = responses.slice(produced, produced + (killing ? perTick : total));
        produced += next.length;
        await harness.produce(next);
        if (killing) await sleep(100);
      }
    })();

    let backfilled: string | undefined;
    for (let kill = 0; kill < kills; kill++) {
      if (kill === kills / 2) {
        backfilled = await harness.attach(forms[0]!, { backfill: true, config });
        integrations.set(backfilled, forms[0]!);
      }
      // A random replica, at a random moment of its life once it listens.
      const index = Math.floor(Math.random() * replicas.length);
      const victim = replicas[index]!;
      await waitForListening(victim);
      await sleep(300 + Math.random() * 1_700);
      await processes.kill(victim);
      replicas[index] = await processes.start();
    }
    killing = false;
    await load;

    const deadline = full ? 600_000 : 90_000;
    for (const [integrationId, form] of integrations) {
      const expected = responses.filter((r) => r.formId === form.formId).map((r) => r.responseId);
      await eventually(
        async () => (await harness.target.count(integrationId)) >= expected.length,
        `integration ${integrationId} to receive ${expected.length}`,
        deadline,
      );
      expect(await harness.target.received(integrationId)).toEqual(expected);
    }
    expect(backfilled).toBeDefined();
    // Answers never reach the logs (every answer of the load says "secret answer").
    const logs = processes.started.map((app) => app.output()).join('\n');
    expect(logs).toContain('delivering');
    expect(logs).not.toContain('secret answer');
    // How often a kill left claims behind that the next owner had to reconcile (printed, not asserted: kills are random).
    const reconciled = logs.split('found claims nobody confirmed').length - 1;
    process.stdout.write(
      `crash recovery: ${kills} kills, ${reconciled} reconciliations of claims a kill left behind\n`,
    );
  });
});
