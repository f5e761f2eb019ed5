import {
  decodeJwtPayload,
  issueAccessToken,
  projectOf,
  TOKEN_LIFETIME_SECONDS,
} from './access-tokens';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export type TokenExchangeResult =
  | {
      readonly ok: true;
      readonly body: { access_token: string; expires_in: number; token_type: 'Bearer' };
    }
  | { readonly ok: false; readonly body: { error: string; error_description: string } };

/**
 * Google's OAuth token endpoint for a service account's JWT bearer grant
 * (`grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<signed JWT>`). The
 * signature is not checked; the claims are: `iss` (the account), `scope`, `exp`.
 */
export function exchangeToken(
  form: Readonly<Record<string, string>>,
  now: number,
  isDisabled: (account: string) => boolean,
): TokenExchangeResult {
  if (form.grant_type !== JWT_BEARER) {
    return fail('unsupported_grant_type', `Invalid grant_type: ${form.grant_type ?? ''}`);
  }
  const claims = decodeJwtPayload(form.assertion ?? '');
  if (!claims || typeof claims.iss !== 'string' || claims.iss === '') {
    return fail('invalid_grant', 'Invalid JWT: the assertion is not a JWT with an iss claim.');
  }
  if (typeof claims.exp === 'number' && claims.exp * 1000 < now) {
    return fail(
      'invalid_grant',
      'Invalid JWT: Token must be a short-lived token and in a reasonable timeframe.',
    );
  }
  if (isDisabled(claims.iss)) {
    return fail('invalid_grant', 'Invalid grant: account not found');
  }
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
  const accessToken = issueAccessToken({
    user: claims.iss,
    project: projectOf(claims.iss),
    scopes,
    expiresAt: now + TOKEN_LIFETIME_SECONDS * 1000,
  });
  return {
    ok: true,
    body: { access_token: accessToken, expires_in: TOKEN_LIFETIME_SECONDS, token_type: 'Bearer' },
  };
}

function fail(error: string, description: string): TokenExchangeResult {
  return { ok: false, body: { error, error_description: description } };
}
