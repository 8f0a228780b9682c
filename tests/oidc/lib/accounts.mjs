// Fixed test accounts and the MAS-like rule of which requested scopes each account is granted.

// Subjects are ULIDs as in MAS; Synapse reads the localpart from the "username" introspection field.
const BUILT_IN_ACCOUNTS = [
  { sub: '01J44RM0000000000000000001', username: 'admin', password: 'admin-password', canRequestAdmin: true },
  { sub: '01J44RM0000000000000000002', username: 'alice', password: 'alice-password', canRequestAdmin: false },
];

export const CLIENT_API_SCOPE = 'urn:matrix:client:api:*';
export const UNSTABLE_CLIENT_API_SCOPE = 'urn:matrix:org.matrix.msc2967.client:api:*';
export const SYNAPSE_ADMIN_SCOPE = 'urn:synapse:admin:*';
export const MAS_ADMIN_SCOPE = 'urn:mas:admin';

// Scopes the provider lists by name. Device scopes are matched by DEVICE_SCOPE_PATTERN instead.
export const STATIC_SCOPES = [
  'openid', 'offline_access', CLIENT_API_SCOPE, UNSTABLE_CLIENT_API_SCOPE, SYNAPSE_ADMIN_SCOPE, MAS_ADMIN_SCOPE,
];
// RFC 6749 scope-token syntax.
const SCOPE_TOKEN_PATTERN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

// The provider's scope set. oidc-provider silently drops requested scopes that this set lacks.
// So admitRequestedScopes() adds each well-formed requested scope before a request is handled.
// Device scopes then reach the consent step, and so do unknown scopes, which decideScopes()
// rejects with invalid_scope as MAS does. Discovery still lists only STATIC_SCOPES.
export const knownScopes = new Set(STATIC_SCOPES);

export function admitRequestedScopes(scopeParameter) {
  for (const scope of (scopeParameter ?? '').split(' ')) {
    if (SCOPE_TOKEN_PATTERN.test(scope)) {
      knownScopes.add(scope);
    }
  }
}

const ADMIN_ONLY_SCOPES = new Set([SYNAPSE_ADMIN_SCOPE, MAS_ADMIN_SCOPE]);
const DEVICE_SCOPE_PATTERN = /^urn:matrix:(client|org\.matrix\.msc2967\.client):device:[A-Za-z0-9._~!$&'()*+,;=:@/-]{10,}$/;

export class AccountBook {
  constructor(extraAccounts) {
    this.accounts = [...BUILT_IN_ACCOUNTS];
    extraAccounts.forEach((extra, index) => {
      const sub = `01J44RM${String(100 + index).padStart(19, '0')}`;
      this.accounts = this.accounts.filter((account) => account.username !== extra.username);
      this.accounts.push({ ...extra, sub });
    });
  }

  // Returns the account whose username and password both match, or undefined.
  checkPassword(username, password) {
    return this.accounts.find((account) => account.username === username && account.password === password);
  }

  bySub(sub) {
    return this.accounts.find((account) => account.sub === sub);
  }

  byUsername(username) {
    return this.accounts.find((account) => account.username === username);
  }

  // The oidc-provider findAccount hook.
  findAccount(sub) {
    const account = this.bySub(sub);
    if (!account) return undefined;
    return {
      accountId: account.sub,
      async claims() {
        return { sub: account.sub, preferred_username: account.username };
      },
    };
  }
}

// Splits the requested scopes of an interactive grant into granted and rejected ones, or
// returns an OAuth error for scopes MAS's default policy rejects outright.
export function decideScopes(account, requestedScopes) {
  const unknown = requestedScopes.filter((scope) => !STATIC_SCOPES.includes(scope) && !DEVICE_SCOPE_PATTERN.test(scope));
  if (unknown.length > 0) {
    return { error: 'invalid_scope', description: `unknown scope: ${unknown.join(' ')}` };
  }
  if (requestedScopes.includes(CLIENT_API_SCOPE) && requestedScopes.includes(UNSTABLE_CLIENT_API_SCOPE)) {
    return { error: 'invalid_scope', description: 'request either the stable or the unstable Matrix client API scope, not both' };
  }
  const deviceScopes = requestedScopes.filter((scope) => DEVICE_SCOPE_PATTERN.test(scope));
  if (deviceScopes.length > 1) {
    return { error: 'invalid_scope', description: 'request at most one device scope' };
  }

  const granted = [];
  const rejected = [];
  for (const scope of requestedScopes) {
    if (ADMIN_ONLY_SCOPES.has(scope) && !account.canRequestAdmin) {
      rejected.push(scope);
    } else {
      granted.push(scope);
    }
  }
  return { granted, rejected };
}
