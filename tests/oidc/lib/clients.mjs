// Built-in OAuth clients (MAS-style ULID client IDs) and loading of a --clients file.
import { readFileSync } from 'node:fs';

const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const INTERACTIVE_GRANTS = ['authorization_code', 'refresh_token', DEVICE_CODE_GRANT];

// Credentials of the built-in clients, also listed in README.md.
export const BUILT_IN_CLIENTS = {
  post: { client_id: '01J44RKQYM4G3TNVANTMTDYTX6', client_secret: 'matrixctl-post-secret' },
  basic: { client_id: '01J44RKQYM4G3TNVANTMTDYTX7', client_secret: 'matrixctl-basic-secret' },
  public: { client_id: '01J44RKQYM4G3TNVANTMTDYTX8' },
  synapse: { client_id: '0000000000000000000SYNAPSE', client_secret: 'synapse-introspection-secret' },
};

// Builds the client list: three clients for matrixctl (one per token endpoint auth method) and
// one confidential client that only introspects, for the homeserver simulator. Which scopes a
// user is granted depends on the account (see decideScopes), not on the client. Only the
// client_secret_post client may use client_credentials, for urn:mas:admin.
export function builtInClients({ redirectPorts, exactRedirectPorts, idTokenAlg }) {
  const redirectUris = redirectPorts.map((port) => `http://127.0.0.1:${port}/callback`);
  // Native clients may use any port of a registered loopback redirect URI; web clients may not.
  const applicationType = exactRedirectPorts ? 'web' : 'native';
  const common = {
    application_type: applicationType,
    redirect_uris: redirectUris,
    response_types: ['code'],
    id_token_signed_response_alg: idTokenAlg,
  };
  return [
    {
      ...common,
      ...BUILT_IN_CLIENTS.post,
      client_name: 'matrixctl (client_secret_post)',
      token_endpoint_auth_method: 'client_secret_post',
      grant_types: [...INTERACTIVE_GRANTS, 'client_credentials'],
    },
    {
      ...common,
      ...BUILT_IN_CLIENTS.basic,
      client_name: 'matrixctl (client_secret_basic)',
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: INTERACTIVE_GRANTS,
    },
    {
      ...common,
      ...BUILT_IN_CLIENTS.public,
      client_name: 'matrixctl (public)',
      token_endpoint_auth_method: 'none',
      grant_types: INTERACTIVE_GRANTS,
    },
    {
      ...BUILT_IN_CLIENTS.synapse,
      client_name: 'synapse-sim introspection',
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: [],
      response_types: [],
      redirect_uris: [],
    },
  ];
}

// Reads a JSON array of oidc-provider client metadata. Throws an Error that names the file.
export function loadClientsFile(path) {
  let clients;
  try {
    clients = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`--clients ${path}: cannot read a JSON file (${error.message}); pass a file with a JSON array of client metadata`);
  }
  if (!Array.isArray(clients) || clients.some((client) => typeof client?.client_id !== 'string')) {
    throw new Error(`--clients ${path}: expected a JSON array of objects that each have a client_id string`);
  }
  return clients;
}
