// oidc-provider configuration that mimics MAS: endpoint paths, grants, scopes, PKCE, lifetimes.
import { randomBytes } from 'node:crypto';

import { knownScopes } from './accounts.mjs';
import { MemoryAdapter } from './memory_adapter.mjs';
import {
  deviceConfirmPage, deviceInputPage, deviceSuccessPage, errorPage, logoutDonePage, logoutPage,
} from './pages.mjs';

// MAS endpoint paths, so URLs look like the ones a real deployment advertises.
export const ROUTES = {
  authorization: '/authorize',
  token: '/oauth2/token',
  introspection: '/oauth2/introspect',
  revocation: '/oauth2/revoke',
  device_authorization: '/oauth2/device',
  code_verification: '/link',
  registration: '/oauth2/registration',
  jwks: '/oauth2/keys.json',
  userinfo: '/oauth2/userinfo',
  end_session: '/oauth2/logout',
  pushed_authorization_request: '/oauth2/par',
};

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

// Returns a new ULID: 48-bit milliseconds then 80 random bits, in Crockford base 32.
export function newUlid() {
  let time = Date.now();
  let text = '';
  for (let i = 0; i < 10; i += 1) {
    text = CROCKFORD[time % 32] + text;
    time = Math.floor(time / 32);
  }
  for (const byte of randomBytes(16)) {
    text += CROCKFORD[byte % 32];
  }
  return text;
}

function deviceErrorMessage(error) {
  if (!error) return undefined;
  if (error.userCode || error.name === 'NoCodeError') return 'The code is invalid or has expired. Try again.';
  if (error.name === 'AbortedError') return 'The sign-in request was aborted.';
  const reason = error.error_description ? `${error.error}: ${error.error_description}` : (error.error ?? error.message);
  return `The request failed (${reason}).`;
}

export function buildConfiguration({ options, accounts, clients, keys }) {
  const issuedByUser = new Set(['AuthorizationCode', 'DeviceCode']);
  return {
    adapter: MemoryAdapter,
    clients,
    jwks: keys.jwks,
    cookies: { keys: [randomBytes(32).toString('hex')] },
    findAccount: (ctx, sub) => accounts.findAccount(sub),
    scopes: knownScopes,
    responseTypes: ['code', 'none'],
    routes: ROUTES,
    pkce: { required: () => true, methods: ['S256'] },
    // MAS issues refresh tokens for interactive grants without asking for offline_access.
    issueRefreshToken: async (ctx, client, code) => client.grantTypeAllowed('refresh_token') && issuedByUser.has(code.kind),
    rotateRefreshToken: true,
    expiresWithSession: async () => false,
    clientBasedCORS: () => false,
    ttl: {
      AccessToken: options.accessTokenTtl,
      ClientCredentials: options.accessTokenTtl,
      AuthorizationCode: 600,
      DeviceCode: 1200,
      IdToken: 3600,
      RefreshToken: options.refreshTokenTtl,
      Grant: options.refreshTokenTtl,
      Interaction: 3600,
      Session: 86400,
    },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: {
        enabled: true,
        // A public client may introspect only its own tokens; a confidential one any token.
        allowedPolicy: async (ctx, client, token) => client.clientAuthMethod !== 'none' || token.clientId === client.clientId,
      },
      revocation: { enabled: true },
      registration: { enabled: true, idFactory: newUlid },
      deviceFlow: {
        enabled: true,
        charset: 'base-20',
        mask: '******',
        userCodeInputSource: async (ctx, form, out, error) => {
          ctx.body = deviceInputPage(form, deviceErrorMessage(error));
        },
        userCodeConfirmSource: async (ctx, form, client, deviceInfo, userCode) => {
          ctx.body = deviceConfirmPage(form, client.clientName || client.clientId, userCode);
        },
        successSource: async (ctx) => {
          ctx.body = deviceSuccessPage(ctx.oidc.client.clientName || ctx.oidc.client.clientId);
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => { ctx.body = logoutPage(form); },
        postLogoutSuccessSource: async (ctx) => { ctx.body = logoutDonePage(); },
      },
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(out);
    },
  };
}
