import { noConstraints } from '@collect/events';
import { exampleEvents } from '../../../../../libs/events/src/testing/example-events';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { eventually } from '../../../../../test/support/eventually';
import { stackEnv } from '../../../../../test/support/stack-env';
import { randomTopics, startApiReplica, type ApiReplica } from '../../testing/api-replica.testing';

describe('FormsView against the real stack', () => {
  const topics = randomTopics();
  let api: ApiReplica;

  beforeAll(async () => {
    api = await startApiReplica({ events: { topics } });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('skips an undecodable message, counts it, keeps applying what follows and stays ready', async () => {
    const producer = new Kafka({
      clientId: 'forms-view-int',
      brokers: stackEnv().kafkaBrokers,
      logLevel: logLevel.NOTHING,
    }).producer();
    await producer.connect();
    try {
      await producer.send({
        topic: topics.forms,
        messages: [
          { key: 'poison', value: Buffer.from('not avro, not confluent-framed') },
          { key: 'poison', value: null },
        ],
      });
    } finally {
      await producer.disconnect();
    }
    const orgId = randomUUID();
    const created = await api.forms.create(orgId, { title: 'After the poison', description: null });

    expect(api.view.get(created.formId)).toMatchObject({ version: 1, title: 'After the poison' });
    await api.view.catchUp();
    expect(api.view.skips.undecodable).toBe(2);
    expect(api.view.health).toEqual({ ready: true });
  });

  it('ignores an event that is not the next version of its form, so every replica keeps the first writer', async () => {
    const orgId = randomUUID();
    const { formId } = await api.forms.create(orgId, { title: 'Original', description: null });
    const duplicate = {
      ...exampleEvents.FormCreated,
      formId,
      orgId,
      eventId: randomUUID(),
      title: 'Impostor',
    };
    const before = api.view.skips.out_of_sequence;
    const [position] = await api.publisher.publish([duplicate]);
    await api.view.waitFor(position!);
    expect(api.view.skips.out_of_sequence).toBe(before + 1);
    expect(api.view.get(formId)).toMatchObject({ title: 'Original', version: 1 });
  });

  it('answers publishedDefinition only for the owning organisation, and undefined for an unknown form after catching up', async () => {
    const orgId = randomUUID();
    const { formId } = await api.forms.create(orgId, { title: 'Owned', description: null });
    await api.forms.execute(orgId, formId, () => ({
      type: 'AddQuestion',
      formId,
      expectedVersion: 1,
      question: {
        questionId: 'q',
        type: 'boolean',
        title: 'Yes?',
        description: null,
        required: true,
        constraints: noConstraints,
      },
    }));
    await api.forms.execute(orgId, formId, () => ({
      type: 'PublishForm',
      formId,
      expectedVersion: 2,
    }));
    expect(await api.view.publishedDefinition(orgId, formId)).toMatchObject({ formVersion: 3 });
    expect(await api.view.publishedDefinition(randomUUID(), formId)).toBeUndefined();
    expect(await api.view.publishedDefinition(orgId, randomUUID())).toBeUndefined();
  });

  it('reports a forms-view readiness probe', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/health/ready' });
    const probes = (JSON.parse(response.body) as { probes: { name: string; ok: boolean }[] })
      .probes;
    expect(probes).toContainEqual(expect.objectContaining({ name: 'forms-view', ok: true }));
    await eventually(() => api.view.formCount >= 3, 'the view to hold the forms created here');
  });
});
