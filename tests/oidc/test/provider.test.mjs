// Tests of provider.mjs that need no browser: discovery, client auth, hooks, device polling, registration.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  CLIENTS, DEVICE_GRANT, getJson, introspect, postForm, postJson, runScript, startProvider,
} from './helpers.mjs';

describe('provider without a browser', () => {
  let provider;
  before(async () => { provider = await startProvider(); });
  after(async () => { await provider.stop(); });

  test('discovery advertises MAS paths and scopes', async () => {
    const { status, body } = await getJson(`${provider.issuer}/.well-known/openid-configuration`);
    assert.equal(status, 200);
    assert.equal(body.issuer, provider.issuer);
    assert.equal(body.token_endpoint, `${provider.issuer}/oauth2/token`);
    assert.equal(body.introspection_endpoint, `${provider.issuer}/oauth2/introspect`);
    assert.equal(body.revocation_endpoint, `${provider.issuer}/oauth2/revoke`);
    assert.equal(body.device_authorization_endpoint, `${provider.issuer}/oauth2/device`);
    assert.equal(body.registration_endpoint, `${provider.issuer}/oauth2/registration`);
    assert.deepEqual(body.code_challenge_methods_supported, ['S256']);
    assert.ok(body.scopes_supported.includes('urn:matrix:org.matrix.msc2967.client:api:*'));
    assert.ok(body.scopes_supported.includes('urn:synapse:admin:*'));
    assert.ok(body.grant_types_supported.includes(DEVICE_GRANT));
  });

  test('client credentials with client_secret_post', async () => {
    const result = await postForm(`${provider.issuer}/oauth2/token`, {
      grant_type: 'client_credentials', client_id: CLIENTS.post.id, client_secret: CLIENTS.post.secret, scope: 'urn:mas:admin',
    });
    assert.equal(result.status, 200);
    assert.equal(result.body.scope, 'urn:mas:admin');
    const introspection = await introspect(provider.issuer, result.body.access_token);
    assert.equal(introspection.body.active, true);
    assert.equal(introspection.body.username, undefined);
  });

  test('registered auth method is enforced', async () => {
    const basicForPostClient = await postForm(`${provider.issuer}/oauth2/token`, {
      grant_type: 'client_credentials', scope: 'urn:mas:admin',
    }, [CLIENTS.post.id, CLIENTS.post.secret]);
    assert.equal(basicForPostClient.status, 401);
    assert.equal(basicForPostClient.body.error, 'invalid_client');

    const postForSynapseClient = await postForm(`${provider.issuer}/oauth2/introspect`, {
      token: 'x', client_id: CLIENTS.synapse.id, client_secret: CLIENTS.synapse.secret,
    });
    assert.equal(postForSynapseClient.status, 401);
  });

  test('issued token introspects like MAS', async () => {
    const issued = await postJson(`${provider.issuer}/_test/issue-access-token`, {
      username: 'admin', scope: 'urn:matrix:client:api:* urn:synapse:admin:*', expires_in: 60,
    });
    assert.equal(issued.status, 200);
    const { body } = await introspect(provider.issuer, issued.body.access_token);
    assert.equal(body.active, true);
    assert.equal(body.username, 'admin');
    assert.equal(body.sub, '01J44RM0000000000000000001');
    assert.equal(body.scope, 'urn:matrix:client:api:* urn:synapse:admin:*');
    assert.ok(body.expires_in > 0);
    assert.ok(body.expires_in <= 60);

    const revoked = await postJson(`${provider.issuer}/_test/revoke-access-tokens`, { username: 'admin' });
    assert.ok(revoked.body.revoked >= 1);
    assert.equal((await introspect(provider.issuer, issued.body.access_token)).body.active, false);
  });

  test('access token expires after its lifetime', async () => {
    const issued = await postJson(`${provider.issuer}/_test/issue-access-token`, {
      username: 'alice', scope: 'urn:matrix:client:api:*', expires_in: 1,
    });
    await new Promise((resolve) => { setTimeout(resolve, 1500); });
    assert.equal((await introspect(provider.issuer, issued.body.access_token)).body.active, false);
  });

  test('device polling answers 403 while pending', async () => {
    const device = await postForm(`${provider.issuer}/oauth2/device`, {
      client_id: CLIENTS.public.id, scope: 'openid urn:matrix:client:api:*',
    });
    assert.equal(device.status, 200);
    assert.match(device.body.user_code, /^[A-Z]{6}$/);
    assert.equal(device.body.verification_uri, `${provider.issuer}/link`);
    assert.equal(device.body.interval, 1);
    const poll = await postForm(`${provider.issuer}/oauth2/token`, {
      grant_type: DEVICE_GRANT, device_code: device.body.device_code, client_id: CLIENTS.public.id,
    });
    assert.equal(poll.status, 403);
    assert.equal(poll.body.error, 'authorization_pending');
  });

  test('token fault answers once then clears', async () => {
    const queued = await postJson(`${provider.issuer}/_test/token-fault`, {
      grant_type: 'client_credentials', status: 503, error: 'temporarily_unavailable', times: 1,
    });
    assert.equal(queued.status, 200);
    const fields = {
      grant_type: 'client_credentials', client_id: CLIENTS.post.id, client_secret: CLIENTS.post.secret, scope: 'urn:mas:admin',
    };
    const faulted = await postForm(`${provider.issuer}/oauth2/token`, fields);
    assert.equal(faulted.status, 503);
    assert.equal(faulted.body.error, 'temporarily_unavailable');
    const next = await postForm(`${provider.issuer}/oauth2/token`, fields);
    assert.equal(next.status, 200);

    const log = await getJson(`${provider.issuer}/_test/token-requests`);
    const injected = log.body.filter((entry) => entry.injected);
    assert.equal(injected.length, 1);
    assert.equal(injected[0].status, 503);
  });

  test('stats count requests and reset', async () => {
    await postForm(`${provider.issuer}/oauth2/revoke`, { token: 'unknown', client_id: CLIENTS.public.id });
    const { body } = await getJson(`${provider.issuer}/_test/stats`);
    assert.ok(body.token_requests.client_credentials >= 3);
    assert.ok(body.revocations >= 1);
    assert.ok(body.introspections >= 1);
    await fetch(`${provider.issuer}/_test/stats`, { method: 'DELETE' });
    const reset = await getJson(`${provider.issuer}/_test/stats`);
    assert.deepEqual(reset.body.token_requests, {
      authorization_code: 0, refresh_token: 0, device_code: 0, client_credentials: 0, other: 0,
    });
  });

  test('MAS-style dynamic registration', async () => {
    const response = await fetch(`${provider.issuer}/oauth2/registration`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_name: 'matrixctl test',
        client_uri: 'https://matrixctl.example/',
        grant_types: [DEVICE_GRANT, 'refresh_token'],
        application_type: 'native',
        token_endpoint_auth_method: 'none',
      }),
    });
    const body = await response.json();
    assert.equal(response.status, 201, JSON.stringify(body));
    assert.match(body.client_id, /^[0-9A-HJKMNP-TV-Z]{26}$/);
    const device = await postForm(`${provider.issuer}/oauth2/device`, { client_id: body.client_id, scope: 'urn:matrix:client:api:*' });
    assert.equal(device.status, 200);
  });

  test('unknown test hook is 404', async () => {
    const { status, body } = await getJson(`${provider.issuer}/_test/nothing`);
    assert.equal(status, 404);
    assert.match(body.error_description, /no test hook GET \/_test\/nothing/);
  });

  test('bad id-token fault kind is 400', async () => {
    const { status, body } = await postJson(`${provider.issuer}/_test/id-token-fault`, { kind: 'nonsense' });
    assert.equal(status, 400);
    assert.match(body.error_description, /bad_signature/);
  });
});

describe('provider command line', () => {
  test('unknown option exits 2', async () => {
    const result = await runScript('provider.mjs', ['--port-file', '/dev/null', '--portz', '1']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--portz: unknown option/);
  });

  test('RFC 8628 status with --device-error-status 400', async () => {
    const provider = await startProvider(['--device-error-status', '400']);
    try {
      const device = await postForm(`${provider.issuer}/oauth2/device`, { client_id: CLIENTS.public.id, scope: 'openid' });
      const poll = await postForm(`${provider.issuer}/oauth2/token`, {
        grant_type: DEVICE_GRANT, device_code: device.body.device_code, client_id: CLIENTS.public.id,
      });
      assert.equal(poll.status, 400);
      assert.equal(poll.body.error, 'authorization_pending');
    } finally {
      await provider.stop();
    }
  });
});
