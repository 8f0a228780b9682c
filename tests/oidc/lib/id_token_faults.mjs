// Rewrites an issued ID token for the id-token-fault test hook: wrong claims, or a bad signature.
import { sign } from 'node:crypto';

function decodePart(part) {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

function encodePart(value) {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function signJws(header, payload, privateKey) {
  const signingInput = `${encodePart(header)}.${encodePart(payload)}`;
  const options = header.alg === 'ES256' ? { key: privateKey, dsaEncoding: 'ieee-p1363' } : privateKey;
  const signature = sign('sha256', Buffer.from(signingInput), options);
  return `${signingInput}.${signature.toString('base64url')}`;
}

// Returns the ID token changed by `kind` and signed again: with the provider's own key for the
// claim faults, and with a rogue key under the same kid for "bad_signature". `keys` comes from
// makeKeys(). Throws an Error for a token that is not a JWS of a supported algorithm.
export function applyIdTokenFault(idToken, kind, keys) {
  const parts = idToken.split('.');
  if (parts.length !== 3) {
    throw new Error(`id-token fault ${kind}: the ID token is not a compact JWS`);
  }
  const header = decodePart(parts[0]);
  const payload = decodePart(parts[1]);
  if (!keys.signing[header.alg]) {
    throw new Error(`id-token fault ${kind}: unsupported ID token algorithm ${header.alg}`);
  }

  const now = Math.floor(Date.now() / 1000);
  let key = keys.signing[header.alg].privateKey;
  switch (kind) {
    case 'bad_signature':
      key = keys.rogue[header.alg].privateKey;
      break;
    case 'wrong_audience':
      payload.aud = '01J44RKQYM4G3TNVANTMTDYTX0';
      break;
    case 'wrong_nonce':
      payload.nonce = 'not-the-nonce-of-this-request';
      break;
    case 'expired':
      payload.iat = now - 7200;
      payload.exp = now - 3600;
      if (payload.auth_time !== undefined) payload.auth_time = now - 7200;
      break;
    case 'wrong_issuer':
      payload.iss = 'http://127.0.0.1:1/';
      break;
    default:
      throw new Error(`id-token fault: unknown kind '${kind}'`);
  }
  return signJws(header, payload, key);
}
