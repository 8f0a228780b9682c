// Local OpenID provider configured like MAS, for matrixctl's end-to-end tests (see README.md).
import { renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

import { AccountBook } from './lib/accounts.mjs';
import { builtInClients, BUILT_IN_CLIENTS, loadClientsFile } from './lib/clients.mjs';
import { buildConfiguration, ROUTES } from './lib/configuration.mjs';
import { makeDispatcher } from './lib/dispatch.mjs';
import { makeKeys } from './lib/keys.mjs';
import { masMiddleware } from './lib/mas_middleware.mjs';
import { parseOptions, USAGE, UsageError } from './lib/options.mjs';
import { TestState } from './lib/test_state.mjs';

const EXIT_START_FAILURE = 1;
const EXIT_USAGE = 2;

function log(message) {
  process.stderr.write(`oidc-provider-sim: ${message}\n`);
}

function fail(message, code) {
  process.stderr.write(`oidc-provider-sim: error: ${message}\n`);
  process.exit(code);
}

// Writes through a temporary file and rename(2), so a reader never sees a partial port number.
function writePortFile(path, port) {
  const temporary = `${path}.tmp.${process.pid}`;
  writeFileSync(temporary, `${port}\n`);
  renameSync(temporary, path);
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server.address().port));
  });
}

async function main() {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) fail(error.message, EXIT_USAGE);
    throw error;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }

  let clients;
  try {
    clients = options.clientsFile ? loadClientsFile(options.clientsFile) : builtInClients(options);
  } catch (error) {
    fail(error.message, EXIT_USAGE);
  }

  // The issuer must contain the real port, so the socket listens before the provider exists.
  let dispatch = (req, res) => { res.writeHead(503).end(); };
  const server = createServer((req, res) => dispatch(req, res));
  let port;
  try {
    port = await listen(server, options.port);
  } catch (error) {
    fail(`--port ${options.port}: cannot listen on 127.0.0.1 (${error.code ?? error.message}); choose another port or use 0`, EXIT_START_FAILURE);
  }
  const issuer = `http://127.0.0.1:${port}`;

  const accounts = new AccountBook(options.extraAccounts);
  const keys = makeKeys();
  const state = new TestState();
  let provider;
  try {
    provider = new Provider(issuer, buildConfiguration({ options, accounts, clients, keys }));
  } catch (error) {
    fail(`cannot configure the provider: ${error.message}; check --clients and the other options`, EXIT_USAGE);
  }
  provider.on('server_error', (ctx, error) => log(`server error on ${ctx.method} ${ctx.path}: ${error.stack ?? error}`));

  const context = {
    provider, accounts, state, keys, options, log, routes: ROUTES, defaultClientId: BUILT_IN_CLIENTS.post.client_id,
  };
  provider.use(masMiddleware(context));
  dispatch = makeDispatcher(context, provider.callback());

  if (options.portFile) {
    try {
      writePortFile(options.portFile, port);
    } catch (error) {
      fail(`--port-file ${options.portFile}: cannot write (${error.code ?? error.message}); check that the folder exists and is writable`, EXIT_START_FAILURE);
    }
  }
  process.stdout.write(`listening on ${issuer}\n`);

  const stop = (signal) => {
    log(`stopping on ${signal}`);
    server.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error) => fail(`start-up failed: ${error.stack ?? error}`, EXIT_START_FAILURE));
