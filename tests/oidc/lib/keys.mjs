// Signing keys made at start-up: the provider's RS256 and ES256 keys, and rogue keys for bad_signature faults.
import { generateKeyPairSync } from 'node:crypto';

function makeKey(type, options, kid, alg) {
  const { privateKey } = generateKeyPairSync(type, options);
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid, alg, use: 'sig' };
  return { privateKey, jwk };
}

// Returns { jwks, signing: { RS256, ES256 }, rogue: { RS256, ES256 } }; each signing entry is
// { privateKey, jwk }. The rogue keys share the kid of the real ones, so a client picks the
// published key and fails on the signature itself.
export function makeKeys() {
  const rsa = makeKey('rsa', { modulusLength: 2048 }, 'sim-rs256', 'RS256');
  const ec = makeKey('ec', { namedCurve: 'P-256' }, 'sim-es256', 'ES256');
  const rogueRsa = makeKey('rsa', { modulusLength: 2048 }, 'sim-rs256', 'RS256');
  const rogueEc = makeKey('ec', { namedCurve: 'P-256' }, 'sim-es256', 'ES256');
  return {
    jwks: { keys: [rsa.jwk, ec.jwk] },
    signing: { RS256: rsa, ES256: ec },
    rogue: { RS256: rogueRsa, ES256: rogueEc },
  };
}
