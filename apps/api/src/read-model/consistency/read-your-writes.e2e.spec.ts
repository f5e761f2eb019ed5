import {
  startApp,
  waitForReadyStatus,
  type RunningApp,
} from '../../../../../test/support/app-process';
import { eventually } from '../../../../../test/support/eventually';
import { uniqueName } from '../../../../../test/support/names';
import { stackEnv } from '../../../../../test/support/stack-env';
import type { FormDetail } from '../../forms/queries/form-views';
import type { ResponseView } from '../../responses/queries/response-views';
import { parseCsv } from '../testing/parse-csv.testing';
import { startReadApi, type ReadApi } from '../testing/read-api.testing';

interface Position {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * The API's commands and reads in-process (on topics of this test) and the real projector as a
 * process, both on a private database: what a client sees right after its own writes.
 */
describe('read-your-writes with the projector running', () => {
  const prefix = uniqueName('ryw');
  const topics = {
    forms: `${prefix}.collect.forms.v1`,
    responses: `${prefix}.collect.responses.v1`,
  };
  let api: ReadApi;
  let projector: RunningApp;

  beforeAll(async () => {
    api = await startReadApi({ commandTopics: topics });
    const env = stackEnv();
    projector = await startApp('projector', {
      KAFKA_BROKERS: env.kafkaBrokers.join(','),
      SCHEMA_REGISTRY_URL: env.schemaRegistryUrl,
      DATABASE_URL: api.db.url,
      DATABASE_PASSWORD: api.db.password,
      PROJECTOR_GROUP_ID: `${prefix}.projector`,
      PROJECTOR_FORMS_TOPIC: topics.forms,
      PROJECTOR_RESPONSES_TOPIC: topics.responses,
      PROJECTOR_DLQ_TOPIC: `${prefix}.dlq`,
    });
    await waitForReadyStatus(projector, 200);
  });
  afterAll(async () => {
    projector?.child.kill('SIGTERM');
    await projector?.exited;
    await api?.close();
  });

  const header = (position: Position) => ({
    'x-collect-min-position': `${position.topic}:${position.partition}:${position.offset}`,
  });

  async function command(key: string, method: 'POST' | 'PATCH', url: string, body: unknown) {
    const reply = await api.send(method, url, key, body);
    expect([url, reply.status]).toEqual([
      url,
      method === 'POST' && url === '/v1/forms' ? 201 : 200,
    ]);
    const events = reply.body.events as { position: Position }[];
    return { body: reply.body, position: events[events.length - 1]!.position };
  }

  it('reads a form back at once after every command, by the position the command answered', async () => {
    const { key } = await api.newOrganisation(['forms:write', 'responses:read']);
    const created = await command(key, 'POST', '/v1/forms', { title: 'Household budget' });
    const formId = created.body.formId as string;

    let read = await api.get(`/v1/forms/${formId}`, key, header(created.position));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      formId,
      title: 'Household budget',
      version: 1,
      status: 'draft',
    });

    const added = await command(key, 'POST', `/v1/forms/${formId}/questions`, {
      expectedVersion: 1,
      question: { questionId: 'income', type: 'number', title: 'Monthly income', required: true },
    });
    read = await api.get(
      `/v1/forms/${formId}?minPosition=${topics.forms}:${added.position.partition}:${added.position.offset}`,
      key,
    );
    const form = read.body as unknown as FormDetail;
    expect(form.version).toBe(2);
    expect(form.draft.questions.map((q) => q.questionId)).toEqual(['income']);
    expect(form.versions.map((v) => v.type)).toEqual(['FormCreated', 'QuestionAdded']);

    for (let version = 3; version <= 12; version++) {
      const title = `Household budget, take ${version}`;
      const changed = await command(key, 'PATCH', `/v1/forms/${formId}`, {
        expectedVersion: version - 1,
        title,
      });
      read = await api.get(`/v1/forms/${formId}`, key, header(changed.position));
      expect([read.status, read.body.version, read.body.title]).toEqual([200, version, title]);
    }

    const published = await command(key, 'POST', `/v1/forms/${formId}/publish`, {
      expectedVersion: 12,
    });
    read = await api.get('/v1/forms?status=published', key, header(published.position));
    expect(read.body.items).toEqual([
      expect.objectContaining({ formId, status: 'published', version: 13 }),
    ]);
  });

  it('shows submitted responses, with their answers and in submission order, in listings and the CSV', async () => {
    const { key } = await api.newOrganisation(['forms:write', 'responses:write', 'responses:read']);
    const created = await command(key, 'POST', '/v1/forms', { title: 'Budget' });
    const formId = created.body.formId as string;
    await command(key, 'POST', `/v1/forms/${formId}/questions`, {
      expectedVersion: 1,
      question: { questionId: 'note', type: 'short_text', title: 'Note' },
    });
    await command(key, 'POST', `/v1/forms/${formId}/publish`, { expectedVersion: 2 });
    const notes = ['first', '=1+1', 'third, with a comma'];
    const ids: string[] = [];
    for (const note of notes) {
      const reply = await api.send('POST', `/v1/forms/${formId}/responses`, key, {
        answers: [{ questionId: 'note', value: note }],
      });
      expect(reply.status).toBe(202);
      ids.push(reply.body.responseId as string);
    }

    let items: ResponseView[] = [];
    await eventually(async () => {
      const page = await api.get(`/v1/forms/${formId}/responses`, key);
      items = page.body.items as ResponseView[];
      return items.length === notes.length;
    }, 'the projector to apply the responses');
    expect(items.map((r) => r.responseId).sort()).toEqual([...ids].sort());
    const sequence = new Map(items.map((r) => [r.responseId, r.sequence]));
    expect(ids.map((id) => sequence.get(id))).toEqual([1, 2, 3]); // the log's order of one form
    const byId = new Map(items.map((r) => [r.responseId, r.answers]));
    expect(ids.map((id) => byId.get(id))).toEqual(
      notes.map((note) => [{ questionId: 'note', value: note }]),
    );
    const single = await api.get(`/v1/responses/${ids[1]}`, key);
    expect(single.body).toMatchObject({
      responseId: ids[1],
      answers: [{ questionId: 'note', value: '=1+1' }],
    });

    const csv = parseCsv((await api.get(`/v1/forms/${formId}/responses.csv`, key)).text);
    expect(csv[0]).toEqual(['responseId', 'submittedAt', 'Note']);
    expect(new Map(csv.slice(1).map((row) => [row[0], row[2]]))).toEqual(
      new Map([
        [ids[0], 'first'],
        [ids[1], "'=1+1"],
        [ids[2], 'third, with a comma'],
      ]),
    );
  });
});
