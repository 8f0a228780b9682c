// The /_test/ endpoints: statistics, queued faults, forced revocation and direct token issue.
import { ID_TOKEN_FAULT_KINDS } from './test_state.mjs';
import { deleteRecord, listRecords } from './memory_adapter.mjs';

const BODY_LIMIT_BYTES = 64 * 1024;

class HookError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function sendJson(res, status, value) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(value));
}

async function readJson(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > BODY_LIMIT_BYTES) throw new HookError(413, `body larger than ${BODY_LIMIT_BYTES} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    const value = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    return value;
  } catch {
    throw new HookError(400, 'the body must be a JSON object');
  }
}

function positiveTimes(body) {
  const times = body.times ?? 1;
  if (!Number.isInteger(times) || times < 1) {
    throw new HookError(400, `"times": invalid value ${JSON.stringify(body.times)}; use a whole number of at least 1`);
  }
  return times;
}

// Returns the account subject that `username` names, undefined for all accounts, or throws.
function subjectFilter(accounts, body) {
  if (body.username === undefined) return undefined;
  const account = accounts.byUsername(body.username);
  if (!account) throw new HookError(404, `"username": unknown account '${body.username}'`);
  return account.sub;
}

function revokeTokens(modelName, accounts, body) {
  const sub = subjectFilter(accounts, body);
  let revoked = 0;
  for (const [id, payload] of listRecords(modelName)) {
    if (sub === undefined || payload.accountId === sub) {
      deleteRecord(modelName, id);
      revoked += 1;
    }
  }
  return { revoked };
}

function addIdTokenFault(state, body) {
  if (!ID_TOKEN_FAULT_KINDS.includes(body.kind)) {
    throw new HookError(400, `"kind": invalid value ${JSON.stringify(body.kind)}; use one of ${ID_TOKEN_FAULT_KINDS.join(', ')}`);
  }
  state.idTokenFaults.push({ kind: body.kind, times: positiveTimes(body) });
  return { queued: state.idTokenFaults.length };
}

function addTokenFault(state, body) {
  const status = body.status ?? 400;
  if (!Number.isInteger(status) || status < 400 || status > 599) {
    throw new HookError(400, `"status": invalid value ${JSON.stringify(body.status)}; use an HTTP status from 400 to 599`);
  }
  if (typeof (body.error ?? '') !== 'string') {
    throw new HookError(400, '"error": must be a string such as "invalid_grant"');
  }
  const delayMs = body.delay_ms ?? 0;
  if (!Number.isInteger(delayMs) || delayMs < 0 || delayMs > 60000) {
    throw new HookError(400, `"delay_ms": invalid value ${JSON.stringify(body.delay_ms)}; use 0 to 60000`);
  }
  state.tokenFaults.push({
    grant_type: body.grant_type,
    status,
    error: body.error ?? 'server_error',
    error_description: body.error_description,
    delay_ms: delayMs,
    times: positiveTimes(body),
  });
  return { queued: state.tokenFaults.length };
}

async function issueAccessToken(provider, accounts, defaultClientId, body) {
  const account = accounts.byUsername(body.username ?? '');
  if (!account) throw new HookError(404, `"username": unknown account '${body.username}'; use admin, alice or an --account name`);
  if (typeof body.scope !== 'string' || body.scope.trim() === '') {
    throw new HookError(400, '"scope": missing; pass the space-separated scopes of the token');
  }
  const clientId = body.client_id ?? defaultClientId;
  const client = await provider.Client.find(clientId);
  if (!client) throw new HookError(404, `"client_id": unknown client '${clientId}'`);
  const ttl = body.expires_in;
  if (ttl !== undefined && (!Number.isInteger(ttl) || ttl < 1)) {
    throw new HookError(400, `"expires_in": invalid value ${JSON.stringify(ttl)}; use a whole number of seconds`);
  }

  const grant = new provider.Grant({ accountId: account.sub, clientId });
  grant.addOIDCScope(body.scope);
  const grantId = await grant.save();
  const token = new provider.AccessToken({
    accountId: account.sub, client, grantId, scope: body.scope, gty: 'test_hook', expiresIn: ttl,
  });
  const value = await token.save();
  return { access_token: value, token_type: 'Bearer', expires_in: token.expiration, scope: body.scope };
}

// Serves /_test/<name>. The server listens on 127.0.0.1 only, so only local clients reach these.
export async function handleTestHook(context, req, res, pathname) {
  const { state, accounts, provider, defaultClientId } = context;
  const route = `${req.method} ${pathname}`;
  try {
    switch (route) {
      case 'GET /_test/health': return sendJson(res, 200, {});
      case 'GET /_test/stats': return sendJson(res, 200, state.stats());
      case 'DELETE /_test/stats': state.resetStats(); return sendJson(res, 200, {});
      case 'GET /_test/token-requests': return sendJson(res, 200, state.tokenLog);
      case 'POST /_test/id-token-fault': return sendJson(res, 200, addIdTokenFault(state, await readJson(req)));
      case 'POST /_test/token-fault': return sendJson(res, 200, addTokenFault(state, await readJson(req)));
      case 'GET /_test/faults': return sendJson(res, 200, { id_token: state.idTokenFaults, token: state.tokenFaults });
      case 'DELETE /_test/faults':
        state.idTokenFaults = [];
        state.tokenFaults = [];
        return sendJson(res, 200, {});
      case 'POST /_test/revoke-refresh-tokens':
        return sendJson(res, 200, revokeTokens('RefreshToken', accounts, await readJson(req)));
      case 'POST /_test/revoke-access-tokens':
        return sendJson(res, 200, revokeTokens('AccessToken', accounts, await readJson(req)));
      case 'POST /_test/issue-access-token':
        return sendJson(res, 200, await issueAccessToken(provider, accounts, defaultClientId, await readJson(req)));
      default:
        return sendJson(res, 404, { error: 'not_found', error_description: `no test hook ${route}; see tests/oidc/README.md` });
    }
  } catch (error) {
    return sendJson(res, error.status ?? 500, { error: 'test_hook_failed', error_description: error.message });
  }
}
