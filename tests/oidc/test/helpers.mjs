// Test helpers: start provider.mjs, run the browser scripts, serve a loopback callback, call endpoints.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const OIDC_DIR = dirname(dirname(fileURLToPath(import.meta.url)));

export const CLIENTS = {
  post: { id: '01J44RKQYM4G3TNVANTMTDYTX6', secret: 'matrixctl-post-secret' },
  basic: { id: '01J44RKQYM4G3TNVANTMTDYTX7', secret: 'matrixctl-basic-secret' },
  public: { id: '01J44RKQYM4G3TNVANTMTDYTX8' },
  synapse: { id: '0000000000000000000SYNAPSE', secret: 'synapse-introspection-secret' },
};
export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
export const ADMIN_SCOPE = 'openid urn:matrix:client:api:* urn:synapse:admin:*';

// Starts provider.mjs with `args` and waits for its readiness line. Returns
// { issuer, port, stop(), stderr() }.
export async function startProvider(args = []) {
  const dir = mkdtempSync(join(tmpdir(), 'oidc-provider-test-'));
  const portFile = join(dir, 'port');
  const child = spawn(process.execPath, [join(OIDC_DIR, 'provider.mjs'), '--port-file', portFile, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const issuer = await new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`provider.mjs printed no readiness line within 10 s: ${stderr}`)), 10000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`provider.mjs exited with ${code}: ${stderr}`));
    });
  });
  const port = Number(readFileSync(portFile, 'utf8'));
  return {
    issuer,
    port,
    stderr: () => stderr,
    async stop() {
      child.removeAllListeners('exit');
      const exited = new Promise((resolve) => { child.once('exit', resolve); });
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Runs a script of this folder with node; resolves to { code, stdout, stderr }.
export function runScript(script, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(OIDC_DIR, script), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

// Serves /callback on 127.0.0.1 (port 0 picks one) and records each query. Returns
// { port, redirectUri, queries, close() }.
export async function startCallbackServer(port = 0) {
  const queries = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    queries.push(Object.fromEntries(url.searchParams));
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html><body><p>callback received</p></body></html>');
  });
  await new Promise((resolve) => { server.listen(port, '127.0.0.1', resolve); });
  const actualPort = server.address().port;
  return {
    port: actualPort,
    redirectUri: `http://127.0.0.1:${actualPort}/callback`,
    queries,
    close: () => new Promise((resolve) => { server.close(resolve); }),
  };
}

export function makePkce() {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

// POSTs a form; `basic` is [id, secret] for client_secret_basic. Resolves to { status, body }.
export async function postForm(url, fields, basic) {
  const headers = { 'content-type': 'application/x-www-form-urlencoded' };
  if (basic) {
    headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(basic[0])}:${encodeURIComponent(basic[1])}`).toString('base64')}`;
  }
  const response = await fetch(url, { method: 'POST', headers, body: new URLSearchParams(fields).toString() });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body };
}

export async function postJson(url, value) {
  const response = await fetch(url, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(value),
  });
  return { status: response.status, body: await response.json() };
}

export async function getJson(url) {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}

export function introspect(issuer, token) {
  return postForm(`${issuer}/oauth2/introspect`, { token, token_type_hint: 'access_token' }, [CLIENTS.synapse.id, CLIENTS.synapse.secret]);
}

export function decodeJwtPart(token, index) {
  return JSON.parse(Buffer.from(token.split('.')[index], 'base64url').toString('utf8'));
}

// Builds an authorization URL for `client` with PKCE; returns { url, verifier, state, nonce }.
export function authorizationUrl(issuer, clientId, redirectUri, scope) {
  const { verifier, challenge } = makePkce();
  const state = randomBytes(8).toString('hex');
  const nonce = randomBytes(8).toString('hex');
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope,
    state,
    nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return { url: `${issuer}/authorize?${params}`, verifier, state, nonce };
}
