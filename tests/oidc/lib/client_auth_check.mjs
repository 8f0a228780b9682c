// Rejects client authentication with a method other than the registered one, as MAS does
// (oidc-provider 8 accepts client_secret_basic and client_secret_post interchangeably).

// Returns the method a request used: client_secret_basic, client_secret_post, jwt or none.
function usedMethod(headers, form) {
  if (/^basic /i.test(headers.authorization ?? '')) return 'client_secret_basic';
  if (form.has('client_assertion')) return 'jwt';
  if (form.has('client_secret')) return 'client_secret_post';
  return 'none';
}

function clientIdOf(headers, form) {
  const header = headers.authorization ?? '';
  if (/^basic /i.test(header)) {
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon === -1 ? undefined : decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
  }
  return form.get('client_id') ?? undefined;
}

// Returns an OAuth error body when the request authenticates a known client with another
// method than the client's token_endpoint_auth_method, or undefined to let the request through.
export async function checkClientAuthMethod(provider, headers, form) {
  const method = usedMethod(headers, form);
  const clientId = clientIdOf(headers, form);
  if (!clientId || method === 'jwt') return undefined;
  const client = await provider.Client.find(clientId).catch(() => undefined);
  if (!client || client.clientAuthMethod === method) return undefined;
  return {
    error: 'invalid_client',
    error_description: `client ${clientId} authenticated with ${method} but is registered for ${client.clientAuthMethod}`,
  };
}
