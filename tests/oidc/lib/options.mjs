// Command-line options of provider.mjs, with usage errors that name the option and the fix.

export const USAGE = `Usage: node provider.mjs --port-file FILE [options]

Local OpenID provider configured like the Matrix Authentication Service (MAS),
for matrixctl's end-to-end tests. Listens on 127.0.0.1 only.

Options:
  --port N                    TCP port; 0 picks a free port (default 0)
  --port-file FILE            write the port and a newline to FILE once listening
  --access-token-ttl S        access-token lifetime in seconds (default 5)
  --refresh-token-ttl S       refresh-token lifetime in seconds (default 86400)
  --id-token-alg ALG          ID token signing algorithm of the built-in clients: RS256 or ES256 (default RS256)
  --redirect-port N           loopback callback port of the built-in clients; repeatable (default 8298)
  --exact-redirect-ports      accept only the --redirect-port ports; by default any port of a
                              registered loopback redirect URI is accepted (RFC 8252, section 7.3)
  --clients FILE              JSON array of client metadata that replaces the built-in clients
  --account NAME:PASSWORD[:admin]
                              add an account; ":admin" lets it receive urn:synapse:admin:*; repeatable
  --device-poll-interval S    "interval" in device authorization responses (default 1; MAS sends 5)
  --device-error-status N     HTTP status of authorization_pending, access_denied and expired_token
                              on the token endpoint: 403 as MAS sends, or 400 as RFC 8628 says (default 403)
  --no-verification-uri-complete
                              leave verification_uri_complete out of device authorization responses
  --help                      print this help and exit

Once listening, prints "listening on http://127.0.0.1:PORT" on standard output.
Exit status: 0 on SIGTERM or SIGINT, 1 when it cannot start, 2 on a usage error.
`;

const VALUE_OPTIONS = new Set([
  '--port', '--port-file', '--access-token-ttl', '--refresh-token-ttl', '--id-token-alg',
  '--redirect-port', '--clients', '--account', '--device-poll-interval', '--device-error-status',
]);
const FLAG_OPTIONS = new Set(['--exact-redirect-ports', '--no-verification-uri-complete', '--help']);

export class UsageError extends Error {}

function parseWholeNumber(name, text, minimum, maximum) {
  if (!/^[0-9]{1,9}$/.test(text) || Number(text) < minimum || Number(text) > maximum) {
    throw new UsageError(`${name}: invalid value '${text}'; use a whole number from ${minimum} to ${maximum}`);
  }
  return Number(text);
}

function parseAccount(text) {
  const parts = text.split(':');
  const [username, password, role] = parts;
  const validRole = role === undefined || role === 'admin';
  if (parts.length < 2 || parts.length > 3 || !/^[a-z0-9._=\-/]+$/.test(username) || !password || !validRole) {
    throw new UsageError(`--account: invalid value '${text}'; use NAME:PASSWORD or NAME:PASSWORD:admin with a lower-case Matrix localpart as NAME`);
  }
  return { username, password, canRequestAdmin: role === 'admin' };
}

// Parses argv without "node provider.mjs". Throws UsageError.
export function parseOptions(args) {
  const options = {
    port: 0,
    portFile: undefined,
    accessTokenTtl: 5,
    refreshTokenTtl: 86400,
    idTokenAlg: 'RS256',
    redirectPorts: [],
    exactRedirectPorts: false,
    clientsFile: undefined,
    extraAccounts: [],
    devicePollInterval: 1,
    deviceErrorStatus: 403,
    verificationUriComplete: true,
    help: false,
  };

  for (let i = 0; i < args.length; i += 1) {
    let name = args[i];
    let value;
    const equals = name.indexOf('=');
    if (name.startsWith('--') && equals !== -1) {
      value = name.slice(equals + 1);
      name = name.slice(0, equals);
    }
    if (FLAG_OPTIONS.has(name)) {
      if (name === '--help') options.help = true;
      if (name === '--exact-redirect-ports') options.exactRedirectPorts = true;
      if (name === '--no-verification-uri-complete') options.verificationUriComplete = false;
      continue;
    }
    if (!VALUE_OPTIONS.has(name)) {
      throw new UsageError(`${name}: unknown option; run 'node provider.mjs --help' for usage`);
    }
    if (value === undefined) {
      if (i + 1 >= args.length) {
        throw new UsageError(`${name}: missing value; run 'node provider.mjs --help' for usage`);
      }
      i += 1;
      value = args[i];
    }

    switch (name) {
      case '--port': options.port = parseWholeNumber(name, value, 0, 65535); break;
      case '--port-file': options.portFile = value; break;
      case '--access-token-ttl': options.accessTokenTtl = parseWholeNumber(name, value, 1, 86400); break;
      case '--refresh-token-ttl': options.refreshTokenTtl = parseWholeNumber(name, value, 1, 31536000); break;
      case '--id-token-alg':
        if (value !== 'RS256' && value !== 'ES256') {
          throw new UsageError(`--id-token-alg: unsupported algorithm '${value}'; use RS256 or ES256`);
        }
        options.idTokenAlg = value;
        break;
      case '--redirect-port': options.redirectPorts.push(parseWholeNumber(name, value, 1, 65535)); break;
      case '--clients': options.clientsFile = value; break;
      case '--account': options.extraAccounts.push(parseAccount(value)); break;
      case '--device-poll-interval': options.devicePollInterval = parseWholeNumber(name, value, 1, 600); break;
      case '--device-error-status':
        if (value !== '400' && value !== '403') {
          throw new UsageError(`--device-error-status: invalid value '${value}'; use 403 (MAS) or 400 (RFC 8628)`);
        }
        options.deviceErrorStatus = Number(value);
        break;
      default: break;
    }
  }

  if (options.redirectPorts.length === 0) {
    options.redirectPorts.push(8298);
  }
  if (!options.help && options.portFile === undefined && options.port === 0) {
    throw new UsageError('--port-file: missing; pass a file to receive the port, or a fixed --port');
  }
  return options;
}
