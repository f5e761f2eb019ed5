import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readAccessToken, type TokenClaims } from '../auth/access-tokens';
import { scopesAllow } from '../auth/scopes';
import type { Emulator } from '../emulator';
import { ApiFault, faults } from './api-fault';
import { parseApiPath, requestKind, type ApiOperation } from './api-path';
import { injectedFailure, injectedLatency, outage } from './interruptions';
import { runOperation, type Query } from './run-operation';

/**
 * The Sheets v4 methods the connector calls, behind Google's checks in Google's order as far as
 * it shows: credentials (401), the spreadsheet (404), sharing (403), scopes (403), quota (429),
 * then the request itself (400). Injected outages, latency and 5xx come first.
 */
export function registerApiRoutes(app: FastifyInstance, emulator: Emulator): void {
  app.route({
    method: ['GET', 'PUT', 'POST'],
    url: '/v4/spreadsheets/*',
    handler: async (request, reply) => {
      const rawPath = (request.raw.url ?? '').split('?')[0] ?? '';
      const operation = parseApiPath(request.method, rawPath);
      if (!operation) {
        const fault = new ApiFault('NOT_FOUND', `Method not found: ${request.method} ${rawPath}`);
        return reply.status(fault.httpStatus).send(fault.body());
      }
      if (outage(emulator, request, reply)) return reply;
      const ended =
        requestKind(operation) === 'write'
          ? emulator.writeSpans.begin(operation.spreadsheetId, operation.name, emulator.clock())
          : undefined;
      let caller: TokenClaims | undefined;
      try {
        await injectedLatency(emulator);
        caller = authenticate(emulator, request.headers.authorization);
        injectedFailure(emulator);
        const result = admitAndRun(emulator, operation, caller, request);
        record(emulator, operation, caller, 200);
        ended?.(200, emulator.clock());
        return reply.send(result);
      } catch (error) {
        ended?.(error instanceof ApiFault ? error.httpStatus : 500, emulator.clock());
        if (!(error instanceof ApiFault)) throw error;
        record(emulator, operation, caller, error.httpStatus);
        return reply.status(error.httpStatus).headers(error.headers).send(error.body());
      }
    },
  });
}

function admitAndRun(
  emulator: Emulator,
  operation: ApiOperation,
  caller: TokenClaims,
  request: FastifyRequest,
): unknown {
  const kind = requestKind(operation);
  const spreadsheet = emulator.store.get(operation.spreadsheetId);
  if (!spreadsheet) throw faults.notFound();
  if (spreadsheet.accessRevoked) throw faults.permissionDenied();
  if (!scopesAllow(kind, caller.scopes)) throw faults.insufficientScopes();
  const exhausted = emulator.quotas.admit(kind, caller, emulator.clock());
  if (exhausted) throw exhausted;
  const size = Number(request.headers['content-length'] ?? 0);
  if (size > emulator.limits.requestBytes) {
    throw faults.invalid(
      `Request payload size exceeds the limit: ${emulator.limits.requestBytes} bytes.`,
    );
  }
  const result = runOperation(
    emulator,
    spreadsheet,
    operation,
    request.query as Query,
    request.body,
    `${request.protocol}://${request.headers.host ?? 'localhost'}`,
  );
  if (kind === 'write') emulator.changed();
  return result;
}

function authenticate(emulator: Emulator, header: string | undefined): TokenClaims {
  if (!header) throw faults.missingCredentials();
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const claims = match?.[1] ? readAccessToken(match[1], emulator.clock()) : undefined;
  if (!claims || emulator.disabledAccounts.has(claims.user)) throw faults.invalidCredentials();
  return claims;
}

function record(
  emulator: Emulator,
  operation: ApiOperation,
  caller: TokenClaims | undefined,
  status: number,
): void {
  emulator.stats.record({
    spreadsheetId: operation.spreadsheetId,
    user: caller?.user,
    kind: requestKind(operation),
    status,
  });
}
