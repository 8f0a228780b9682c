// End-to-end tests of provider.mjs through headless Chromium: code + PKCE, device flow, refresh, faults.
import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';

import {
  ADMIN_SCOPE, authorizationUrl, CLIENTS, decodeJwtPart, DEVICE_GRANT, getJson, introspect, postForm, postJson,
  runScript, startCallbackServer, startProvider,
} from './helpers.mjs';

const CHROMIUM = process.env.MATRIXCTL_TEST_CHROMIUM || '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing; run scripts/bootstrap`;

// Signs in through the browser and exchanges the code. Returns the token response body.
async function loginWithBrowser(issuer, callback, { client = CLIENTS.post, scope = ADMIN_SCOPE, user = 'admin' } = {}) {
  const request = authorizationUrl(issuer, client.id, callback.redirectUri, scope);
  const browser = await runScript('browser-login.mjs', [request.url, '--user', user, '--password', `${user}-password`]);
  assert.equal(browser.code, 0, browser.stderr);
  const query = callback.queries.at(-1);
  assert.equal(query.state, request.state);
  const fields = {
    grant_type: 'authorization_code', code: query.code, redirect_uri: callback.redirectUri, code_verifier: request.verifier,
  };
  let basic;
  if (client === CLIENTS.basic) {
    basic = [client.id, client.secret];
  } else {
    fields.client_id = client.id;
    if (client.secret) fields.client_secret = client.secret;
  }
  const token = await postForm(`${issuer}/oauth2/token`, fields, basic);
  assert.equal(token.status, 200, JSON.stringify(token.body));
  return { ...token.body, nonce: request.nonce };
}

function refresh(issuer, refreshToken) {
  return postForm(`${issuer}/oauth2/token`, {
    grant_type: 'refresh_token', refresh_token: refreshToken, client_id: CLIENTS.post.id, client_secret: CLIENTS.post.secret,
  });
}

async function signatureIsValid(issuer, idToken) {
  const header = decodeJwtPart(idToken, 0);
  const { body: jwks } = await getJson(`${issuer}/oauth2/keys.json`);
  const jwk = jwks.keys.find((key) => key.kid === header.kid);
  const [headerPart, payloadPart, signature] = idToken.split('.');
  const key = header.alg === 'ES256' ? { key: createPublicKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' }
    : createPublicKey({ key: jwk, format: 'jwk' });
  return verify('sha256', Buffer.from(`${headerPart}.${payloadPart}`), key, Buffer.from(signature, 'base64url'));
}

describe('browser flows', { skip }, () => {
  let provider;
  let callback;
  before(async () => {
    callback = await startCallbackServer();
    provider = await startProvider(['--redirect-port', String(callback.port)]);
  });
  after(async () => {
    await provider.stop();
    await callback.close();
  });

  test('code flow gives admin scopes and a valid ID token', async () => {
    const token = await loginWithBrowser(provider.issuer, callback);
    assert.equal(token.scope, ADMIN_SCOPE);
    assert.equal(token.expires_in, 5);
    assert.ok(token.refresh_token);
    const claims = decodeJwtPart(token.id_token, 1);
    assert.equal(decodeJwtPart(token.id_token, 0).alg, 'RS256');
    assert.equal(claims.aud, CLIENTS.post.id);
    assert.equal(claims.nonce, token.nonce);
    assert.equal(claims.iss, provider.issuer);
    assert.ok(await signatureIsValid(provider.issuer, token.id_token));
  });

  test('alice never gets the admin scope', async () => {
    const token = await loginWithBrowser(provider.issuer, callback, { client: CLIENTS.basic, user: 'alice' });
    assert.equal(token.scope, 'openid urn:matrix:client:api:*');
    const { body } = await introspect(provider.issuer, token.access_token);
    assert.equal(body.username, 'alice');
  });

  test('public client with PKCE', async () => {
    const token = await loginWithBrowser(provider.issuer, callback, { client: CLIENTS.public });
    assert.ok(token.access_token);
  });

  test('refresh rotates and rejects reuse', async () => {
    const token = await loginWithBrowser(provider.issuer, callback);
    const first = await refresh(provider.issuer, token.refresh_token);
    assert.equal(first.status, 200);
    assert.notEqual(first.body.refresh_token, token.refresh_token);
    assert.equal((await introspect(provider.issuer, token.access_token)).body.active, false);
    assert.equal((await introspect(provider.issuer, first.body.access_token)).body.active, true);

    const reuse = await refresh(provider.issuer, token.refresh_token);
    assert.equal(reuse.status, 400);
    assert.equal(reuse.body.error, 'invalid_grant');
  });

  test('revoked refresh token is invalid_grant', async () => {
    const viaHook = await loginWithBrowser(provider.issuer, callback);
    const hook = await postJson(`${provider.issuer}/_test/revoke-refresh-tokens`, { username: 'admin' });
    assert.ok(hook.body.revoked >= 1);
    assert.equal((await refresh(provider.issuer, viaHook.refresh_token)).body.error, 'invalid_grant');

    const viaRfc7009 = await loginWithBrowser(provider.issuer, callback);
    const revoke = await postForm(`${provider.issuer}/oauth2/revoke`, {
      token: viaRfc7009.refresh_token, token_type_hint: 'refresh_token', client_id: CLIENTS.post.id, client_secret: CLIENTS.post.secret,
    });
    assert.equal(revoke.status, 200);
    assert.equal((await refresh(provider.issuer, viaRfc7009.refresh_token)).body.error, 'invalid_grant');
  });

  test('id-token faults alter one response each', async () => {
    let { refresh_token: refreshToken } = await loginWithBrowser(provider.issuer, callback);
    const checks = {
      bad_signature: async (token) => assert.equal(await signatureIsValid(provider.issuer, token), false),
      wrong_audience: async (token) => assert.notEqual(decodeJwtPart(token, 1).aud, CLIENTS.post.id),
      wrong_nonce: async (token) => assert.equal(decodeJwtPart(token, 1).nonce, 'not-the-nonce-of-this-request'),
      expired: async (token) => assert.ok(decodeJwtPart(token, 1).exp < Date.now() / 1000),
    };
    for (const [kind, check] of Object.entries(checks)) {
      await postJson(`${provider.issuer}/_test/id-token-fault`, { kind, times: 1 });
      const faulted = await refresh(provider.issuer, refreshToken);
      assert.equal(faulted.status, 200);
      await check(faulted.body.id_token);
      if (kind !== 'bad_signature') {
        assert.ok(await signatureIsValid(provider.issuer, faulted.body.id_token), `${kind} keeps a valid signature`);
      }
      const clean = await refresh(provider.issuer, faulted.body.refresh_token);
      assert.ok(await signatureIsValid(provider.issuer, clean.body.id_token));
      refreshToken = clean.body.refresh_token;
    }
  });

  test('denied consent redirects with access_denied', async () => {
    const request = authorizationUrl(provider.issuer, CLIENTS.post.id, callback.redirectUri, ADMIN_SCOPE);
    const browser = await runScript('browser-login.mjs', [request.url, '--deny']);
    assert.equal(browser.code, 0, browser.stderr);
    assert.equal(callback.queries.at(-1).error, 'access_denied');
  });

  test('wrong password fails the browser script', async () => {
    const request = authorizationUrl(provider.issuer, CLIENTS.post.id, callback.redirectUri, ADMIN_SCOPE);
    const browser = await runScript('browser-login.mjs', [request.url, '--password', 'wrong']);
    assert.equal(browser.code, 1);
    assert.match(browser.stderr, /sign-in as admin failed/);
  });

  test('device flow approved in the browser', async () => {
    const device = await postForm(`${provider.issuer}/oauth2/device`, {
      client_id: CLIENTS.public.id, scope: `${ADMIN_SCOPE} urn:matrix:client:device:MATRIXCTL01`,
    });
    const browser = await runScript('browser-device.mjs', [device.body.verification_uri, device.body.user_code]);
    assert.equal(browser.code, 0, browser.stderr);
    const token = await postForm(`${provider.issuer}/oauth2/token`, {
      grant_type: DEVICE_GRANT, device_code: device.body.device_code, client_id: CLIENTS.public.id,
    });
    assert.equal(token.status, 200);
    assert.equal(token.body.scope, `${ADMIN_SCOPE} urn:matrix:client:device:MATRIXCTL01`);
    assert.ok(token.body.refresh_token);
  });

  test('device flow aborted in the browser', async () => {
    const device = await postForm(`${provider.issuer}/oauth2/device`, { client_id: CLIENTS.public.id, scope: ADMIN_SCOPE });
    const browser = await runScript('browser-device.mjs', [device.body.verification_uri, device.body.user_code, '--deny']);
    assert.equal(browser.code, 0, browser.stderr);
    const token = await postForm(`${provider.issuer}/oauth2/token`, {
      grant_type: DEVICE_GRANT, device_code: device.body.device_code, client_id: CLIENTS.public.id,
    });
    assert.equal(token.status, 403);
    assert.equal(token.body.error, 'access_denied');
  });
});

describe('provider options in the browser', { skip }, () => {
  test('ES256 ID tokens with --id-token-alg', async () => {
    const callback = await startCallbackServer();
    const provider = await startProvider(['--redirect-port', String(callback.port), '--id-token-alg', 'ES256']);
    try {
      const token = await loginWithBrowser(provider.issuer, callback);
      assert.equal(decodeJwtPart(token.id_token, 0).alg, 'ES256');
      assert.ok(await signatureIsValid(provider.issuer, token.id_token));
    } finally {
      await provider.stop();
      await callback.close();
    }
  });

  test('--exact-redirect-ports rejects other ports', async () => {
    const callback = await startCallbackServer();
    const provider = await startProvider(['--redirect-port', '1', '--exact-redirect-ports']);
    try {
      const request = authorizationUrl(provider.issuer, CLIENTS.post.id, callback.redirectUri, ADMIN_SCOPE);
      const browser = await runScript('browser-login.mjs', [request.url]);
      assert.equal(browser.code, 1);
      assert.match(browser.stderr, /redirect_uri/);
    } finally {
      await provider.stop();
      await callback.close();
    }
  });
});
