import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import { eventually } from '../../../../../test/support/eventually';
import { startReadApi, testTopics, type ReadApi } from '../testing/read-api.testing';
import { seedForm, seedResponses, setProjectedOffset } from '../testing/read-model-seed.testing';

describe('read-your-writes against read_model.offsets', () => {
  let api: ReadApi;
  let tenant: { orgId: string; key: string };

  beforeAll(async () => {
    api = await startReadApi({ readModel: { minPollMs: 5, maxPollMs: 50 } });
    tenant = await api.newOrganisation(['forms:write', 'responses:read']);
  });
  afterAll(() => api?.close());

  /** What the projector does: the rows and the checkpoint past their event in one transaction. */
  async function project(
    offset: number,
    partition: number,
    rows: (tx: PoolClient) => Promise<unknown>,
  ): Promise<void> {
    const tx = await api.db.pool.connect();
    try {
      await tx.query('BEGIN');
      await rows(tx);
      await setProjectedOffset(tx, testTopics.forms, partition, offset + 1);
      await tx.query('COMMIT');
    } catch (error) {
      await tx.query('ROLLBACK');
      throw error;
    } finally {
      tx.release();
    }
  }

  it('holds a read naming a position until the projection has applied it, then shows the write', async () => {
    const partition = 3;
    await setProjectedOffset(api.db.pool, testTopics.forms, partition, 40);
    const formId = randomUUID();
    // Without the position the read is eventual: the form is not projected yet.
    expect((await api.get(`/v1/forms/${formId}`, tenant.key)).status).toBe(404);

    const read = api.get(
      `/v1/forms/${formId}?minPosition=${testTopics.forms}:${partition}:40`,
      tenant.key,
    );
    await eventually(() => api.progress.waiting === 1, 'the read to wait for the projection');
    await project(40, partition, (tx) => seedForm(tx, { orgId: tenant.orgId, formId }));

    const reply = await read;
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ formId });
  });

  it('takes the position from the X-Collect-Min-Position header too, on every read endpoint', async () => {
    const partition = 5;
    await setProjectedOffset(api.db.pool, testTopics.forms, partition, 0);
    const formId = randomUUID();
    const responseId = randomUUID();
    const header = { 'x-collect-min-position': `${testTopics.forms}:${partition}:0` };
    const reads = [
      api.get(`/v1/forms/${formId}`, tenant.key, header),
      api.get(`/v1/forms/${formId}/responses`, tenant.key, header),
      api.get(`/v1/forms/${formId}/responses.csv`, tenant.key, header),
      api.get(`/v1/responses/${responseId}`, tenant.key, header),
    ];
    await eventually(() => api.progress.waiting === 4, 'all four reads to wait');
    await project(0, partition, async (tx) => {
      await seedForm(tx, { orgId: tenant.orgId, formId });
      await seedResponses(tx, tenant.orgId, formId, [
        { responseId, submittedAt: '2025-03-01T10:00:00Z' },
      ]);
    });
    expect((await Promise.all(reads)).map((reply) => reply.status)).toEqual([200, 200, 200, 200]);
  });

  it('answers 503 projection-lagging with Retry-After when the projection does not get there in time', async () => {
    const partition = 7;
    await setProjectedOffset(api.db.pool, testTopics.forms, partition, 10);
    const reply = await api.get(
      `/v1/forms/${randomUUID()}?minPosition=${testTopics.forms}:${partition}:10&maxWaitMs=150`,
      tenant.key,
    );
    expect(reply.status).toBe(503);
    expect(reply.headers['retry-after']).toBe('1');
    expect(reply.body).toMatchObject({
      code: 'projection-lagging',
      pending: [{ topic: testTopics.forms, partition, offset: '10', projectedNextOffset: '10' }],
    });
    expect(api.progress.waiting).toBe(0);
  });

  it('answers at once when the projection is already past the position', async () => {
    const partition = 9;
    await setProjectedOffset(api.db.pool, testTopics.forms, partition, 100);
    const formId = await seedForm(api.db.pool, { orgId: tenant.orgId });
    const reply = await api.get(
      `/v1/forms/${formId}?minPosition=${testTopics.forms}:${partition}:99&maxWaitMs=0`,
      tenant.key,
    );
    expect(reply.status).toBe(200);
  });
});
