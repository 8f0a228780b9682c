// Plain HTML pages of the provider (login, consent, device code, errors); no external resources.

export function escapeHtml(value) {
  return String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function page(title, body) {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>`;
}

// Login form of an interaction: fields "username" and "password", submit button "#submit".
export function loginPage(uid, clientName, errorMessage) {
  const error = errorMessage ? `<p id="error">${escapeHtml(errorMessage)}</p>` : '';
  return page('Sign in', `<p>Sign in to continue to <strong id="client">${escapeHtml(clientName)}</strong>.</p>
${error}
<form id="login" method="post" action="/interaction/${escapeHtml(uid)}/login" autocomplete="off">
  <label>Username <input id="username" name="username" type="text" required></label>
  <label>Password <input id="password" name="password" type="password" required></label>
  <button id="submit" type="submit">Sign in</button>
</form>`);
}

// Consent form of an interaction: buttons "#approve" and "#deny".
export function consentPage(uid, clientName, username, scopes) {
  const items = scopes.map((scope) => `<li class="scope">${escapeHtml(scope)}</li>`).join('\n');
  return page('Allow access', `<p><strong id="client">${escapeHtml(clientName)}</strong> requests access for
<strong id="account">${escapeHtml(username)}</strong> with these scopes:</p>
<ul id="scopes">
${items}
</ul>
<form id="consent" method="post" action="/interaction/${escapeHtml(uid)}/consent">
  <button id="approve" type="submit" name="decision" value="approve">Allow</button>
  <button id="deny" type="submit" name="decision" value="deny">Deny</button>
</form>`);
}

// Device flow: oidc-provider's form contains the "user_code" input; "#continue" submits it.
export function deviceInputPage(form, errorMessage) {
  const message = errorMessage ? `<p id="error">${escapeHtml(errorMessage)}</p>` : '<p>Enter the code shown by the device.</p>';
  return page('Link a device', `${message}
${form}
<button id="continue" type="submit" form="op.deviceInputForm">Continue</button>`);
}

// Device flow: "#confirm" accepts the code, "#abort" refuses it.
export function deviceConfirmPage(form, clientName, userCode) {
  return page('Confirm the device', `<p><strong id="client">${escapeHtml(clientName)}</strong> shows the code
<code id="user-code">${escapeHtml(userCode)}</code>.</p>
${form}
<button id="confirm" type="submit" form="op.deviceConfirmForm">Continue</button>
<button id="abort" type="submit" form="op.deviceConfirmForm" name="abort" value="yes">Abort</button>`);
}

export function deviceSuccessPage(clientName) {
  return page('Device linked', `<p id="done">The device using <strong>${escapeHtml(clientName)}</strong> is now signed in. You can close this page.</p>`);
}

// Error page; `details` maps names such as "error" to values, each shown in an element with that id.
export function errorPage(details) {
  const rows = Object.entries(details)
    .map(([name, value]) => `<p><strong>${escapeHtml(name)}</strong>: <span id="${escapeHtml(name)}">${escapeHtml(value)}</span></p>`)
    .join('\n');
  return page('Request failed', rows);
}

export function logoutPage(form) {
  return page('Sign out', `${form}
<button id="logout" type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>
<button id="stay" type="submit" form="op.logoutForm">Stay signed in</button>`);
}

export function logoutDonePage() {
  return page('Signed out', '<p id="done">You are signed out.</p>');
}
