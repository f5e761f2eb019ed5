import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { Emulator } from '../emulator';
import { describeSpreadsheet } from '../model/describe';
import type { SpreadsheetState } from '../model/workbook';
import {
  accessBody,
  accountBody,
  faultsBody,
  limitsBody,
  newSpreadsheetBody,
  quotasBody,
} from './control-schemas';

type Parsed<S extends z.ZodType> = { ok: true; value: z.infer<S> } | { ok: false };

function parse<S extends z.ZodType>(schema: S, body: unknown, reply: FastifyReply): Parsed<S> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, value: result.data };
  void reply.status(400).send({
    error: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
  });
  return { ok: false };
}

/** The whole spreadsheet with every tab's cells, for tests to assert on. */
function dump(spreadsheet: SpreadsheetState, baseUrl: string) {
  return {
    ...describeSpreadsheet(spreadsheet, baseUrl),
    accessRevoked: spreadsheet.accessRevoked,
    values: Object.fromEntries(spreadsheet.sheets.map((sheet) => [sheet.title, sheet.rows])),
  };
}

/**
 * /_control: what a test or a person sets and reads — quotas, limits, injected faults,
 * spreadsheets and their sharing, disabled service accounts, counters — plus a full reset.
 */
export function registerControlRoutes(app: FastifyInstance, emulator: Emulator): void {
  const base = (host: string | undefined) => `http://${host ?? 'localhost'}`;

  app.get('/_control/health', (_request, reply) => reply.send({ ok: true }));
  app.post('/_control/reset', (_request, reply) => {
    emulator.reset();
    return reply.send({ ok: true });
  });

  app.get('/_control/quotas', (_request, reply) => reply.send(emulator.quotas.settings));
  app.put('/_control/quotas', (request, reply) => {
    const body = parse(quotasBody, request.body, reply);
    if (!body.ok) return reply;
    const { retryAfterSeconds, ...rest } = body.value;
    emulator.setQuotas({
      ...rest,
      ...(retryAfterSeconds !== undefined
        ? { retryAfterSeconds: retryAfterSeconds ?? undefined }
        : {}),
    });
    return reply.send(emulator.quotas.settings);
  });

  app.get('/_control/limits', (_request, reply) => reply.send(emulator.limits));
  app.put('/_control/limits', (request, reply) => {
    const body = parse(limitsBody, request.body, reply);
    if (!body.ok) return reply;
    emulator.setLimits(body.value);
    return reply.send(emulator.limits);
  });

  app.get('/_control/faults', (_request, reply) => reply.send(emulator.faults));
  app.put('/_control/faults', (request, reply) => {
    const body = parse(faultsBody, request.body, reply);
    if (!body.ok) return reply;
    emulator.setFaults(body.value);
    return reply.send(emulator.faults);
  });

  app.get('/_control/stats', (_request, reply) => reply.send(emulator.stats.snapshot()));
  app.delete('/_control/stats', (_request, reply) => {
    emulator.stats.reset();
    emulator.writeSpans.reset();
    return reply.send({ ok: true });
  });

  app.get('/_control/spreadsheets', (request, reply) =>
    reply.send(
      emulator.store.list().map((s) => describeSpreadsheet(s, base(request.headers.host))),
    ),
  );
  app.post('/_control/spreadsheets', (request, reply) => {
    const body = parse(newSpreadsheetBody, request.body, reply);
    if (!body.ok) return reply;
    if (body.value.spreadsheetId && emulator.store.get(body.value.spreadsheetId)) {
      return reply
        .status(409)
        .send({ error: `spreadsheet ${body.value.spreadsheetId} already exists` });
    }
    const spreadsheet = emulator.store.create(body.value, new Date(emulator.clock()));
    emulator.changed();
    return reply.status(201).send(describeSpreadsheet(spreadsheet, base(request.headers.host)));
  });
  app.get<{ Params: { id: string } }>('/_control/spreadsheets/:id', (request, reply) => {
    const spreadsheet = emulator.store.get(request.params.id);
    if (!spreadsheet) return reply.status(404).send({ error: 'no such spreadsheet' });
    return reply.send(dump(spreadsheet, base(request.headers.host)));
  });
  app.get<{ Params: { id: string } }>('/_control/spreadsheets/:id/writes', (request, reply) =>
    reply.send(emulator.writeSpans.of(request.params.id)),
  );
  app.delete<{ Params: { id: string } }>('/_control/spreadsheets/:id', (request, reply) => {
    if (!emulator.store.delete(request.params.id))
      return reply.status(404).send({ error: 'no such spreadsheet' });
    emulator.changed();
    return reply.send({ ok: true });
  });
  app.put<{ Params: { id: string } }>('/_control/spreadsheets/:id/access', (request, reply) => {
    const spreadsheet = emulator.store.get(request.params.id);
    if (!spreadsheet) return reply.status(404).send({ error: 'no such spreadsheet' });
    const body = parse(accessBody, request.body, reply);
    if (!body.ok) return reply;
    spreadsheet.accessRevoked = body.value.revoked;
    emulator.changed();
    return reply.send({ revoked: spreadsheet.accessRevoked });
  });

  app.put<{ Params: { email: string } }>('/_control/service-accounts/:email', (request, reply) => {
    const body = parse(accountBody, request.body, reply);
    if (!body.ok) return reply;
    if (body.value.disabled) emulator.disabledAccounts.add(request.params.email);
    else emulator.disabledAccounts.delete(request.params.email);
    emulator.changed();
    return reply.send({ disabled: body.value.disabled });
  });
}
