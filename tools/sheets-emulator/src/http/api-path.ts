import type { RequestKind } from '../quotas/quota-policy';

export type ApiOperation =
  | { readonly name: 'spreadsheets.get'; readonly spreadsheetId: string }
  | { readonly name: 'spreadsheets.batchUpdate'; readonly spreadsheetId: string }
  | { readonly name: 'values.get'; readonly spreadsheetId: string; readonly range: string }
  | { readonly name: 'values.update'; readonly spreadsheetId: string; readonly range: string }
  | { readonly name: 'values.append'; readonly spreadsheetId: string; readonly range: string };

export const API_PREFIX = '/v4/spreadsheets/';

/**
 * Which Sheets v4 method a request calls. Works on the raw path, segment by segment, because a
 * range may contain ':' and an encoded '/' (`'a/b'!A1:C` arrives as `'a%2Fb'!A1%3AC`).
 */
export function parseApiPath(method: string, rawPath: string): ApiOperation | undefined {
  if (!rawPath.startsWith(API_PREFIX)) return undefined;
  const segments = rawPath.slice(API_PREFIX.length).split('/');
  const [first = '', second, third, ...rest] = segments;
  if (rest.length > 0 || first === '') return undefined;
  if (second === undefined) {
    if (method === 'GET' && !first.includes(':')) {
      return { name: 'spreadsheets.get', spreadsheetId: decode(first) };
    }
    if (method === 'POST' && first.endsWith(':batchUpdate')) {
      return {
        name: 'spreadsheets.batchUpdate',
        spreadsheetId: decode(first.slice(0, -':batchUpdate'.length)),
      };
    }
    return undefined;
  }
  if (second !== 'values' || third === undefined || third === '') return undefined;
  const spreadsheetId = decode(first);
  if (method === 'POST' && third.endsWith(':append')) {
    return {
      name: 'values.append',
      spreadsheetId,
      range: decode(third.slice(0, -':append'.length)),
    };
  }
  if (method === 'GET') return { name: 'values.get', spreadsheetId, range: decode(third) };
  if (method === 'PUT') return { name: 'values.update', spreadsheetId, range: decode(third) };
  return undefined;
}

export function requestKind(operation: ApiOperation): RequestKind {
  return operation.name === 'spreadsheets.get' || operation.name === 'values.get'
    ? 'read'
    : 'write';
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
