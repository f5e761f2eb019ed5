// CSV export benchmark (not a test): streams GET /v1/forms/{id}/responses.csv of a form with
// ROWS responses (default 1,000,000) from a real collect-api process, and prints rows/s and the
// API process's resident memory before, at its peak during, and after the export.
// Run: npx tsx tools/bench/csv-export.ts   (after ./dev up; ROWS and QUESTIONS tune it;
// API_HEAP_MB caps the API's V8 old space, so an export that buffered would die of OOM)
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  migrateProjection,
  projectionMigrationDirs,
} from '../../apps/projector/src/generations/projection-migrations';
import { createPrivateDatabase } from '../../apps/api/src/read-model/testing/private-database.testing';
import {
  seedBulkResponses,
  seedForm,
} from '../../apps/api/src/read-model/testing/read-model-seed.testing';
import { startApp, waitForReadyStatus } from '../../test/support/app-process';
import { LocalStack } from '../stack/src/stack';

const rows = Number(process.env.ROWS ?? 1_000_000);
const questionCount = Number(process.env.QUESTIONS ?? 5);
const heapMb = process.env.API_HEAP_MB;

/** Resident memory of a process in MiB, from /proc. */
function rssMiB(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return line ? Number(line[1]) / 1024 : NaN;
}

async function call(url: string, key: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

async function main(): Promise<void> {
  const env = new LocalStack().env();
  Object.assign(process.env, env);
  const db = await createPrivateDatabase('collect_bench_csv');
  const api = await startApp('api', {
    ...env,
    DATABASE_URL: db.url,
    LOG_LEVEL: 'warn',
    ...(heapMb ? { NODE_OPTIONS: `--max-old-space-size=${heapMb}` } : {}),
  });
  try {
    await migrateProjection(db.pool, projectionMigrationDirs(resolve('apps/projector/migrations')));
    await waitForReadyStatus(api, 200, 120_000);
    const adminKey = env.API_ADMIN_KEY!;
    const org = await call(`${api.url}/v1/organisations`, adminKey, { name: 'bench-csv' });
    const orgId = String(org.orgId);
    const { key } = (await call(`${api.url}/v1/organisations/${orgId}/api-keys`, adminKey, {
      name: 'bench',
      scopes: ['responses:read'],
    })) as { key: string };
    const questionIds = Array.from({ length: questionCount }, (_, i) => `q${i + 1}`);
    const formId = await seedForm(db.pool, {
      orgId,
      questions: questionIds.map((questionId, position) => ({
        questionId,
        type: 'short_text',
        title: `Question ${position + 1}`,
        position,
      })),
    });
    const seeding = Date.now();
    await seedBulkResponses(db.pool, orgId, formId, rows, '2025-01-01T00:00:00Z', questionIds);
    console.log(
      `seeded ${rows} responses × ${questionCount} answers in ${(Date.now() - seeding) / 1000} s`,
    );

    const pid = api.child.pid!;
    const before = rssMiB(pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 100);
    const started = Date.now();
    const response = await fetch(`${api.url}/v1/forms/${formId}/responses.csv`, {
      headers: { authorization: `Bearer ${key}` },
    });
    let bytes = 0;
    let lines = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      for (const byte of chunk) if (byte === 0x0a) lines++;
    }
    const seconds = (Date.now() - started) / 1000;
    clearInterval(sampler);
    console.log(
      JSON.stringify(
        {
          status: response.status,
          apiHeapLimitMiB: heapMb ? Number(heapMb) : 'default',
          transferEncoding: response.headers.get('transfer-encoding'),
          dataRows: lines - 1,
          megabytes: +(bytes / 1024 / 1024).toFixed(1),
          seconds,
          rowsPerSecond: Math.round((lines - 1) / seconds),
          apiRssMiB: {
            before: +before.toFixed(1),
            peak: +peak.toFixed(1),
            after: +rssMiB(pid).toFixed(1),
          },
        },
        null,
        2,
      ),
    );
  } finally {
    api.child.kill('SIGTERM');
    await api.exited;
    await db.drop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
