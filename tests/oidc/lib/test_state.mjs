// Counters and queued faults that the /_test/ hooks read and change.

const TOKEN_GRANT_NAMES = {
  authorization_code: 'authorization_code',
  refresh_token: 'refresh_token',
  'urn:ietf:params:oauth:grant-type:device_code': 'device_code',
  client_credentials: 'client_credentials',
};

export const ID_TOKEN_FAULT_KINDS = ['bad_signature', 'wrong_audience', 'wrong_nonce', 'expired', 'wrong_issuer'];

// Keeps at most this many token requests in the inspectable log.
const TOKEN_LOG_LIMIT = 1000;

export class TestState {
  constructor() {
    this.resetStats();
    this.idTokenFaults = [];
    this.tokenFaults = [];
  }

  resetStats() {
    this.tokenRequests = { authorization_code: 0, refresh_token: 0, device_code: 0, client_credentials: 0, other: 0 };
    this.tokenErrors = 0;
    this.revocations = 0;
    this.introspections = 0;
    this.deviceAuthorizations = 0;
    this.tokenLog = [];
  }

  // Records one token-endpoint request; `error` is the OAuth error code of a failed request.
  recordTokenRequest({ grantType, clientId, status, error, injected }) {
    const name = TOKEN_GRANT_NAMES[grantType] ?? 'other';
    this.tokenRequests[name] += 1;
    if (status >= 400) {
      this.tokenErrors += 1;
    }
    if (this.tokenLog.length >= TOKEN_LOG_LIMIT) {
      this.tokenLog.shift();
    }
    this.tokenLog.push({
      grant_type: grantType ?? null,
      client_id: clientId ?? null,
      status,
      error: error ?? null,
      injected: Boolean(injected),
      time_ms: Date.now(),
    });
  }

  stats() {
    return {
      token_requests: { ...this.tokenRequests },
      token_errors: this.tokenErrors,
      revocations: this.revocations,
      introspections: this.introspections,
      device_authorizations: this.deviceAuthorizations,
    };
  }

  // Returns the kind of the next ID token fault and uses it up, or undefined.
  takeIdTokenFault() {
    const fault = this.idTokenFaults[0];
    if (!fault) return undefined;
    fault.times -= 1;
    if (fault.times <= 0) this.idTokenFaults.shift();
    return fault.kind;
  }

  // Returns the next token-endpoint fault that matches `grantType` and uses it up, or undefined.
  takeTokenFault(grantType) {
    const index = this.tokenFaults.findIndex((fault) => !fault.grant_type || fault.grant_type === grantType
      || TOKEN_GRANT_NAMES[grantType] === fault.grant_type);
    if (index === -1) return undefined;
    const fault = this.tokenFaults[index];
    fault.times -= 1;
    if (fault.times <= 0) this.tokenFaults.splice(index, 1);
    return fault;
  }
}
