// CPU per step of one submission, in-process (not a test): the API's own work on the request
// tools/bench/ingest.ts sends, without HTTP, Kafka or a shared machine's noise. Tells which step a
// change made cheaper; ingest.ts says whether the whole request got cheaper.
// Run: npx tsx tools/bench/submission-steps.ts   (ITERATIONS=200000, ROUNDS=5 tune it)
import { EventSerde, eventMessage, noConstraints, type FormDefinition } from '@collect/events';
import { InMemorySchemaRegistry } from '../../libs/events/src/testing/in-memory-schema-registry';
import { Secret } from '@collect/platform';
import { Authenticator } from '../../apps/api/src/auth/authenticator';
import { generateApiKey } from '../../apps/api/src/auth/api-key';
import type { ApiKeyStore } from '../../apps/api/src/auth/api-key-store';
import { ApiKeyVerifier } from '../../apps/api/src/auth/api-key-verifier';
import { RateLimiter } from '../../apps/api/src/auth/rate-limiter';
import { parseBody } from '../../apps/api/src/http/parse-body';
import { acceptedOf, checkSubmission } from '../../apps/api/src/responses/check-submission';
import { RuleEngine } from '../../apps/api/src/responses/domain';
import {
  readSubmitResponseBody,
  submitResponseBody,
} from '../../apps/api/src/responses/response-request';
import { ResponseSubmitter } from '../../apps/api/src/responses/response-submitter';
import { CheckAndPublish } from '../../apps/api/src/responses/submission-pipeline';
import { body, questions, rules } from './ingest-form';

const iterations = Number(process.env.ITERATIONS ?? 200_000);
const rounds = Number(process.env.ROUNDS ?? 5);

type Step = () => unknown;

/** Median over rounds of the CPU microseconds (user + system) one call of `step` takes. */
async function measure(step: Step): Promise<number> {
  const perCall: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const before = process.cpuUsage();
    for (let i = 0; i < iterations; i++) {
      const result = step();
      if (result instanceof Promise) await result;
    }
    const used = process.cpuUsage(before);
    perCall.push((used.user + used.system) / iterations);
  }
  perCall.sort((a, b) => a - b);
  return Math.round(perCall[Math.floor(perCall.length / 2)]! * 100) / 100;
}

const definition: FormDefinition = {
  title: 'Bench survey',
  description: null,
  questions: questions.map((q) => ({
    questionId: q.questionId,
    type: q.type as FormDefinition['questions'][number]['type'],
    title: q.title,
    description: null,
    required: q.required,
    constraints: { ...noConstraints, ...q.constraints },
  })),
  rules: rules.map((r) => ({ ...r })),
};

async function steps(): Promise<Record<string, Step>> {
  const generated = generateApiKey();
  const stored = {
    keyId: generated.keyId,
    orgId: '0193b0c2-0000-7000-8000-000000000001',
    name: 'bench',
    scopes: ['responses:write' as const],
    createdAt: new Date(0),
    revokedAt: null,
    secretSha256: generated.secretSha256,
  };
  const store = { find: () => Promise.resolve(stored) } as unknown as ApiKeyStore;
  const authOptions = {
    adminKey: new Secret('x'.repeat(32)),
    keyCacheTtlMs: 30_000,
    rateLimit: { perSecond: 1e12, burst: 1e12 },
  };
  const authenticator = new Authenticator(
    new ApiKeyVerifier(store, authOptions),
    new RateLimiter(authOptions),
  );
  const headers = { authorization: `Bearer ${generated.key}`, 'content-type': 'application/json' };
  const serde = new EventSerde(new InMemorySchemaRegistry());
  await serde.registerAll();
  const ruleEngine = new RuleEngine();
  const form = { formVersion: 11, definition, status: 'published' };
  const formId = '0193b0c2-0000-7000-8000-0000000000f0';
  const input = readSubmitResponseBody(JSON.parse(body));
  const check = () =>
    checkSubmission(
      stored.orgId,
      formId,
      form,
      { item: { input }, claim: undefined },
      Date.now(),
      ruleEngine,
    );
  const checked = check();
  if (!('event' in checked)) throw new Error('the bench submission does not validate');
  const position = { topic: 'collect.responses.v1', partition: 3, offset: '123456' };
  const accepted = acceptedOf(checked.event, position);
  if (accepted.status !== 202) throw new Error('unreachable');
  const unused = (): never => {
    throw new Error('a submission without an Idempotency-Key claims nothing');
  };
  const submitter = new ResponseSubmitter(
    { publishedDefinition: () => form },
    new CheckAndPublish({ publish: () => Promise.resolve(position) }, ruleEngine, 1),
    { acquire: unused, complete: unused, forget: unused, release: unused },
    { retryAfterSeconds: 1 },
  );
  return {
    'authenticateHeaders (key seen before)': () =>
      authenticator.authenticateHeaders({ ...headers }),
    'JSON.parse of the body': (): unknown => JSON.parse(body),
    'JSON.parse + body shape (zod)': () => parseBody(submitResponseBody, JSON.parse(body)),
    'JSON.parse + body shape (readSubmitResponseBody)': () =>
      readSubmitResponseBody(JSON.parse(body)),
    'checkSubmission (answers, envelope, event)': check,
    'eventMessage (Avro + headers)': () => eventMessage(serde, checked.event),
    'ResponseSubmitter.submit, Kafka answering at once': () =>
      submitter.submit(stored.orgId, formId, [{ input }]),
    'acceptedOf + 202 body': () => JSON.stringify(acceptedOf(checked.event, position)),
  };
}

async function main(): Promise<void> {
  const results: { step: string; cpuUsPerCall: number }[] = [];
  for (const [step, run] of Object.entries(await steps())) {
    results.push({ step, cpuUsPerCall: await measure(run) });
  }
  console.log(`${iterations} calls × ${rounds} rounds per step, median round\n`);
  console.table(results);
  console.log(JSON.stringify({ at: new Date().toISOString(), iterations, rounds, results }));
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
