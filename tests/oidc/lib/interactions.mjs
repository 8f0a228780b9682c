// Login and consent steps (/interaction/<uid>) that oidc-provider hands over to the application.
import { decideScopes } from './accounts.mjs';
import { consentPage, errorPage, loginPage } from './pages.mjs';

const FORM_LIMIT_BYTES = 64 * 1024;

function sendHtml(res, status, html) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

async function readForm(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > FORM_LIMIT_BYTES) {
      throw new Error(`form body larger than ${FORM_LIMIT_BYTES} bytes`);
    }
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

async function clientName(provider, clientId) {
  const client = await provider.Client.find(clientId);
  return client?.clientName || clientId;
}

function requestedScopes(details) {
  return (details.params.scope || '').split(' ').filter(Boolean);
}

async function showPrompt(provider, accounts, req, res, details) {
  const name = await clientName(provider, details.params.client_id);
  if (details.prompt.name === 'login') {
    sendHtml(res, 200, loginPage(details.uid, name));
    return;
  }
  const account = accounts.bySub(details.session?.accountId);
  sendHtml(res, 200, consentPage(details.uid, name, account?.username ?? '?', requestedScopes(details)));
}

async function submitLogin(provider, accounts, req, res, details) {
  const form = await readForm(req);
  const account = accounts.checkPassword(form.get('username') ?? '', form.get('password') ?? '');
  if (!account) {
    const name = await clientName(provider, details.params.client_id);
    sendHtml(res, 200, loginPage(details.uid, name, 'Invalid username or password.'));
    return;
  }
  await provider.interactionFinished(req, res, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false });
}

async function submitConsent(provider, accounts, req, res, details) {
  const form = await readForm(req);
  if (form.get('decision') !== 'approve') {
    await provider.interactionFinished(req, res, {
      error: 'access_denied', error_description: 'the user denied the request',
    }, { mergeWithLastSubmission: true });
    return;
  }

  const account = accounts.bySub(details.session?.accountId);
  const decision = decideScopes(account, requestedScopes(details));
  if (decision.error) {
    await provider.interactionFinished(req, res, {
      error: decision.error, error_description: decision.description,
    }, { mergeWithLastSubmission: true });
    return;
  }

  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: account.sub, clientId: details.params.client_id });
  if (decision.granted.length > 0) {
    grant.addOIDCScope(decision.granted.join(' '));
  }
  if (decision.rejected.length > 0) {
    grant.rejectOIDCScope(decision.rejected.join(' '));
  }
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

// Handles GET /interaction/<uid>, POST /interaction/<uid>/login and POST /interaction/<uid>/consent.
// Returns false for other paths so the caller can pass them on.
export async function handleInteraction(provider, accounts, req, res, pathname) {
  const match = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|consent))?$/.exec(pathname);
  if (!match) return false;
  const [, , step] = match;

  try {
    const details = await provider.interactionDetails(req, res);
    if (!step && req.method === 'GET') {
      await showPrompt(provider, accounts, req, res, details);
    } else if (step === 'login' && req.method === 'POST' && details.prompt.name === 'login') {
      await submitLogin(provider, accounts, req, res, details);
    } else if (step === 'consent' && req.method === 'POST' && details.prompt.name === 'consent') {
      await submitConsent(provider, accounts, req, res, details);
    } else {
      sendHtml(res, 400, errorPage({
        error: 'invalid_request',
        error_description: `${req.method} ${pathname} does not fit the current "${details.prompt.name}" step; reload /interaction/${details.uid}`,
      }));
    }
  } catch (error) {
    sendHtml(res, 400, errorPage({
      error: error.error ?? 'invalid_request',
      error_description: error.error_description ?? error.message,
    }));
  }
  return true;
}
