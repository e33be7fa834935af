import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { generateKeyPair, type JWTPayload, SignJWT } from 'jose';

/** Signs a JWT payload with RS256; returns the compact token. */
export type Signer = (payload: JWTPayload) => Promise<string>;

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');
const toBigInt = (b64: string) =>
  BigInt(`0x${Buffer.from(b64, 'base64url').toString('hex') || '0'}`);

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

/**
 * Signs the way the local Cognito (moto) does, with its own key, so tests can make tokens
 * Cognito would never hand out (expired ones). moto's key file holds only n, e and d, which
 * WebCrypto will not import, so this does the RSASSA-PKCS1-v1_5 arithmetic itself.
 */
export function motoSigner(): Signer {
  const motoDir = execFileSync(
    'python3',
    ['-c', 'import moto, os; print(os.path.dirname(moto.__file__))'],
    { encoding: 'utf8' },
  ).trim();
  const jwk = JSON.parse(
    gunzipSync(
      readFileSync(join(motoDir, 'cognitoidp', 'resources', 'jwks-private.json.gz')),
    ).toString(),
  ) as Record<string, string>;
  const n = toBigInt(jwk.n ?? '');
  const d = toBigInt(jwk.d ?? '');
  const size = Buffer.from(jwk.n ?? '', 'base64url').length;
  return async (payload) => {
    const signingInput = `${b64url(JSON.stringify({ alg: 'RS256', kid: jwk.kid ?? 'dummy', typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}`;
    const digestInfo = Buffer.concat([
      Buffer.from('3031300d060960864801650304020105000420', 'hex'),
      createHash('sha256').update(signingInput).digest(),
    ]);
    const padding = Buffer.alloc(size - digestInfo.length - 3, 0xff);
    const encoded = Buffer.concat([Buffer.from([0, 1]), padding, Buffer.from([0]), digestInfo]);
    const signature = modPow(BigInt(`0x${encoded.toString('hex')}`), d, n)
      .toString(16)
      .padStart(size * 2, '0');
    return `${signingInput}.${b64url(Buffer.from(signature, 'hex'))}`;
  };
}

/** A key nobody trusts, with the same key id as moto's, to prove signatures are checked. */
export async function strangerSigner(): Promise<Signer> {
  const { privateKey } = await generateKeyPair('RS256');
  return (payload) =>
    new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: 'dummy' }).sign(privateKey);
}

export function decodePayload(token: string): JWTPayload {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as JWTPayload;
}
