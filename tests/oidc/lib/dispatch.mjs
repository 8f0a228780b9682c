// Routes each HTTP request to the test hooks, the interaction pages or oidc-provider.
import { PassThrough } from 'node:stream';

import { admitRequestedScopes } from './accounts.mjs';
import { checkClientAuthMethod } from './client_auth_check.mjs';
import { handleInteraction } from './interactions.mjs';
import { handleTestHook } from './test_hooks.mjs';

const BUFFERED_BODY_LIMIT_BYTES = 64 * 1024;

async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > BUFFERED_BODY_LIMIT_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

// Returns a readable copy of `req` that yields `body`, so oidc-provider can parse a body that
// was already read here.
function replayRequest(req, body) {
  const copy = new PassThrough();
  for (const name of ['method', 'url', 'headers', 'rawHeaders', 'httpVersion', 'httpVersionMajor',
    'httpVersionMinor', 'socket', 'connection']) {
    copy[name] = req[name];
  }
  copy.headers = { ...req.headers, 'content-length': String(body.length) };
  copy.end(body);
  return copy;
}

function sendJson(res, status, value) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(value));
}

// Responds with a queued token-endpoint fault when one matches; returns true if it did.
async function answerTokenFault(context, res, form) {
  const grantType = form.get('grant_type') ?? undefined;
  const fault = context.state.takeTokenFault(grantType);
  if (!fault) return false;
  if (fault.delay_ms > 0) {
    await new Promise((resolve) => { setTimeout(resolve, fault.delay_ms); });
  }
  const answer = { error: fault.error };
  if (fault.error_description) answer.error_description = fault.error_description;
  context.state.recordTokenRequest({
    grantType, clientId: form.get('client_id') ?? undefined, status: fault.status, error: fault.error, injected: true,
  });
  context.log(`token-endpoint fault ${fault.status} ${fault.error} for grant_type ${grantType}`);
  sendJson(res, fault.status, answer);
  return true;
}

// MAS accepts a registration without response_types or redirect_uris when the client does not
// ask for authorization_code; oidc-provider would default response_types to ["code"].
function applyMasRegistrationDefaults(body) {
  let metadata;
  try {
    metadata = JSON.parse(body.toString('utf8'));
  } catch {
    return body;
  }
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) return body;
  const grantTypes = Array.isArray(metadata.grant_types) ? metadata.grant_types : ['authorization_code'];
  if (!grantTypes.includes('authorization_code')) {
    metadata.response_types ??= [];
    metadata.redirect_uris ??= [];
  }
  return Buffer.from(JSON.stringify(metadata), 'utf8');
}

// Handles a POST to one of oidc-provider's endpoints after reading its body here: admits the
// requested scopes, checks the client authentication method, applies token-endpoint faults and
// MAS registration defaults. Returns the body to pass on, or undefined after it sent a response itself.
async function preparePost(context, req, res, pathname, body) {
  const { routes, provider } = context;
  if (pathname === routes.registration) {
    return applyMasRegistrationDefaults(body);
  }
  const form = new URLSearchParams(body.toString('utf8'));
  if (pathname === routes.authorization || pathname === routes.device_authorization) {
    admitRequestedScopes(form.get('scope'));
  }
  if (pathname !== routes.authorization) {
    const authError = await checkClientAuthMethod(provider, req.headers, form);
    if (authError) {
      if (pathname === routes.token) {
        context.state.recordTokenRequest({
          grantType: form.get('grant_type') ?? undefined,
          clientId: form.get('client_id') ?? undefined,
          status: 401,
          error: authError.error,
        });
      }
      sendJson(res, 401, authError);
      return undefined;
    }
  }
  if (pathname === routes.token && await answerTokenFault(context, res, form)) {
    return undefined;
  }
  if (pathname === routes.token) {
    admitRequestedScopes(form.get('scope'));
  }
  return body;
}

export function makeDispatcher(context, providerCallback) {
  const { provider, accounts, routes } = context;
  const bufferedPosts = new Set([
    routes.authorization, routes.token, routes.registration, routes.device_authorization,
    routes.introspection, routes.revocation,
  ]);
  return async function dispatch(req, res) {
    const url = new URL(req.url, 'http://127.0.0.1');
    const { pathname } = url;
    try {
      if (pathname.startsWith('/_test/')) {
        await handleTestHook(context, req, res, pathname);
        return;
      }
      if (pathname.startsWith('/interaction/') && await handleInteraction(provider, accounts, req, res, pathname)) {
        return;
      }
      if (req.method === 'GET' && pathname === routes.authorization) {
        admitRequestedScopes(url.searchParams.get('scope'));
      }
      if (req.method !== 'POST' || !bufferedPosts.has(pathname)) {
        providerCallback(req, res);
        return;
      }
      const body = await readBody(req);
      if (body === undefined) {
        sendJson(res, 413, { error: 'invalid_request', error_description: `request body larger than ${BUFFERED_BODY_LIMIT_BYTES} bytes; send a smaller form` });
        return;
      }
      const passOn = await preparePost(context, req, res, pathname, body);
      if (passOn !== undefined) {
        providerCallback(replayRequest(req, passOn), res);
      }
    } catch (error) {
      context.log(`${req.method} ${pathname} failed: ${error.stack ?? error}`);
      if (!res.headersSent) {
        sendJson(res, 500, { error: 'server_error', error_description: error.message });
      } else {
        res.destroy();
      }
    }
  };
}
