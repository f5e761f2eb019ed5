import type { ContractContext } from './contract-helpers';
import { expectKind, failure, row } from './contract-helpers';

/** How the client reports each failure: its code and whether it is retriable or permanent. */
export function failureContract(ctx: () => ContractContext): void {
  it('reports a tab that does not exist as sheet_not_found, permanent', async () => {
    expectKind(
      await failure(ctx().client.append(ctx().spreadsheetId, 'Gone', [['r1']])),
      'sheet_not_found',
      'permanent',
    );
    expectKind(
      await failure(ctx().client.readTail(ctx().spreadsheetId, 'Gone', 1)),
      'sheet_not_found',
      'permanent',
    );
  });

  it('reports a spent write quota as rate_limited, retriable, with the Retry-After Google sent', async () => {
    await ctx().harness.spendWriteQuota({});
    const limited = await failure(ctx().client.append(ctx().spreadsheetId, 'Sheet1', [['r1']]));
    expectKind(limited, 'rate_limited', 'retriable');
    expect(limited.httpStatus).toBe(429);
    expect(limited.retryAfterMs).toBeUndefined();
    await ctx().harness.spendWriteQuota({ retryAfterSeconds: 17 });
    expect(
      (await failure(ctx().client.writeHeader(ctx().spreadsheetId, 'Sheet1', ['x']))).retryAfterMs,
    ).toBe(17_000);
  });

  it('reports 5xx as unavailable, retriable, and never retries by itself', async () => {
    const before = await ctx().harness.requestCount();
    await ctx().harness.failNextRequests(1, 503);
    expectKind(
      await failure(ctx().client.getSpreadsheet(ctx().spreadsheetId)),
      'unavailable',
      'retriable',
    );
    await ctx().harness.failNextRequests(1, 500);
    expectKind(
      await failure(ctx().client.append(ctx().spreadsheetId, 'Sheet1', [['r1']])),
      'unavailable',
      'retriable',
    );
    expect((await ctx().harness.requestCount()) - before).toBe(2);
    expect(await ctx().client.getSpreadsheet(ctx().spreadsheetId)).toMatchObject({
      spreadsheetId: ctx().spreadsheetId,
    });
  });

  it('reports a dropped connection as network, retriable', async () => {
    await ctx().harness.dropConnections();
    expectKind(
      await failure(ctx().client.getSpreadsheet(ctx().spreadsheetId)),
      'network',
      'retriable',
    );
  });

  it('reports an answer slower than the timeout as timeout, retriable', async () => {
    await ctx().harness.delayResponses(2_500);
    expectKind(
      await failure(ctx().client.getSpreadsheet(ctx().spreadsheetId)),
      'timeout',
      'retriable',
    );
  });

  it('reports a deleted spreadsheet as spreadsheet_not_found, permanent', async () => {
    await ctx().harness.deleteSpreadsheet(ctx().spreadsheetId);
    const gone = await failure(ctx().client.append(ctx().spreadsheetId, 'Sheet1', [['r1']]));
    expectKind(gone, 'spreadsheet_not_found', 'permanent');
    expect(gone.httpStatus).toBe(404);
  });

  it('reports revoked sharing as access_denied, permanent', async () => {
    await ctx().harness.revokeAccess(ctx().spreadsheetId);
    const denied = await failure(ctx().client.getSpreadsheet(ctx().spreadsheetId));
    expectKind(denied, 'access_denied', 'permanent');
    expect(denied.httpStatus).toBe(403);
  });

  it('reports credentials Google no longer accepts as invalid_credentials, permanent, with or without a cached token', async () => {
    await ctx().client.getSpreadsheet(ctx().spreadsheetId);
    await ctx().harness.disableAccount();
    expectKind(
      await failure(ctx().client.getSpreadsheet(ctx().spreadsheetId)),
      'invalid_credentials',
      'permanent',
    );
    const fresh = await ctx().harness.freshClient();
    expectKind(
      await failure(fresh.getSpreadsheet(ctx().spreadsheetId)),
      'invalid_credentials',
      'permanent',
    );
  });

  it('refuses to pass the spreadsheet’s cell limit as cell_limit_exceeded, neither retriable nor permanent', async () => {
    await ctx().harness.limitCellsPerSpreadsheet(26_000 + 26 * 5);
    await ctx().client.append(
      ctx().spreadsheetId,
      'Sheet1',
      Array.from({ length: 5 }, (_, i) => row(i, 2)),
    );
    const full = await failure(ctx().client.append(ctx().spreadsheetId, 'Sheet1', [row(5, 2)]));
    expectKind(full, 'cell_limit_exceeded', 'neither');
    expect(full.httpStatus).toBe(400);
    expectKind(
      await failure(ctx().client.addSheet(ctx().spreadsheetId, 'More')),
      'cell_limit_exceeded',
      'neither',
    );
  });

  it('refuses a cell over 50,000 characters as cell_too_long', async () => {
    expectKind(
      await failure(
        ctx().client.append(ctx().spreadsheetId, 'Sheet1', [['r1', 'x'.repeat(50_001)]]),
      ),
      'cell_too_long',
      'neither',
    );
    await ctx().client.append(ctx().spreadsheetId, 'Sheet1', [['r1', 'x'.repeat(50_000)]]);
  });

  it('signs in through the token endpoint with the key file’s account and reuses the token', async () => {
    const fresh = await ctx().harness.freshClient();
    const before = await ctx().harness.tokensGranted();
    await fresh.getSpreadsheet(ctx().spreadsheetId);
    await fresh.readTail(ctx().spreadsheetId, 'Sheet1', 1);
    expect((await ctx().harness.tokensGranted()) - before).toBe(1);
  });
}
