// Koa middleware around oidc-provider's routes: statistics, ID token faults and MAS-like responses.
import { STATIC_SCOPES } from './accounts.mjs';
import { applyIdTokenFault } from './id_token_faults.mjs';
import { listRecords, deleteRecord } from './memory_adapter.mjs';

const DEVICE_WAIT_ERRORS = new Set(['authorization_pending', 'access_denied', 'expired_token', 'slow_down']);

// MAS revokes the previous access token of a session when its refresh token is used.
function revokeOlderAccessTokens(ctx) {
  const refreshToken = ctx.oidc.entities.RefreshToken;
  const newAccessToken = ctx.oidc.entities.AccessToken;
  if (!refreshToken?.grantId || !newAccessToken) return;
  for (const [id, payload] of listRecords('AccessToken')) {
    if (payload.grantId === refreshToken.grantId && id !== newAccessToken.jti) {
      deleteRecord('AccessToken', id);
    }
  }
}

function afterTokenRequest(ctx, { state, keys, options, log }) {
  const grantType = ctx.oidc.params?.grant_type;
  const body = ctx.body && typeof ctx.body === 'object' ? ctx.body : {};
  state.recordTokenRequest({
    grantType, clientId: ctx.oidc.client?.clientId, status: ctx.status, error: body.error,
  });

  if (ctx.status === 200 && grantType === 'refresh_token') {
    revokeOlderAccessTokens(ctx);
  }
  if (ctx.status === 200 && typeof body.id_token === 'string') {
    const kind = state.takeIdTokenFault();
    if (kind) {
      body.id_token = applyIdTokenFault(body.id_token, kind, keys);
      log(`id-token fault ${kind} applied to a ${grantType} response`);
    }
  }
  if (ctx.status === 400 && DEVICE_WAIT_ERRORS.has(body.error) && options.deviceErrorStatus !== 400) {
    ctx.status = options.deviceErrorStatus;
  }
}

function afterDeviceAuthorization(ctx, { state, options }) {
  state.deviceAuthorizations += 1;
  if (ctx.status !== 200 || !ctx.body || typeof ctx.body !== 'object') return;
  ctx.body.interval = options.devicePollInterval;
  if (!options.verificationUriComplete) {
    delete ctx.body.verification_uri_complete;
  }
}

// Adds MAS's "username" (the Matrix localpart) and "expires_in" to active introspection results.
function afterIntrospection(ctx, { state, accounts }) {
  state.introspections += 1;
  const body = ctx.body;
  if (ctx.status !== 200 || !body?.active) return;
  const account = body.sub ? accounts.bySub(body.sub) : undefined;
  if (account) {
    body.username = account.username;
  }
  if (typeof body.exp === 'number') {
    body.expires_in = Math.max(0, body.exp - Math.floor(Date.now() / 1000));
  }
}

export function masMiddleware(context) {
  return async function masBehaviour(ctx, next) {
    await next();
    switch (ctx.oidc?.route) {
      case 'token': afterTokenRequest(ctx, context); break;
      case 'device_authorization': afterDeviceAuthorization(ctx, context); break;
      case 'introspection': afterIntrospection(ctx, context); break;
      case 'revocation': context.state.revocations += 1; break;
      case 'discovery':
        // Scopes admitted at request time (see admitRequestedScopes) are not advertised.
        if (ctx.body?.scopes_supported) ctx.body.scopes_supported = STATIC_SCOPES;
        break;
      default: break;
    }
  };
}
