import { describe, expect, it } from 'vitest';
import {
  type CodeStore,
  checkCode,
  codeTries,
  issueCode,
  proofValidMs,
  readProof,
  type StoredCode,
  signProof,
} from '../../../functions/booking/codes';
import { AppError } from '../../../functions/platform/errors';

const secret = 'test-secret';

/** The store's contract in memory (the DynamoDB one is exercised by the integration tests). */
function memoryStore(): CodeStore & { items: Map<string, StoredCode> } {
  const items = new Map<string, StoredCode>();
  return {
    items,
    async issue(key, code) {
      const before = items.get(key)?.hash;
      items.set(key, { ...code, ...(before ? { replaced: before } : {}) });
      return true;
    },
    async get(key) {
      return items.get(key);
    },
    async fail(key, hash) {
      const item = items.get(key);
      if (item?.hash === hash) items.set(key, { ...item, tries: item.tries + 1 });
    },
    async consume(key, hash) {
      if (items.get(key)?.hash !== hash) return false;
      items.delete(key);
      return true;
    },
  };
}

const codeOf = (error: unknown) => (error instanceof AppError ? error.code : String(error));

describe('one-time codes', () => {
  it('six digits, stored only as keyed hashes', async () => {
    const store = memoryStore();
    const code = await issueCode(secret, 'a@example.com', store, 0);
    expect(code).toMatch(/^\d{6}$/);
    const [[key, stored]] = [...store.items] as [[string, StoredCode]];
    expect(key).not.toContain('a@example.com');
    expect(stored.hash).not.toContain(code);
  });

  it('a right code works once; five wrong tries end it; it expires after 10 minutes', async () => {
    const store = memoryStore();
    const code = await issueCode(secret, 'b@example.com', store, 0);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < codeTries; i += 1)
      await expect(checkCode(secret, 'b@example.com', wrong, store, 1000)).rejects.toSatisfy(
        (e) => codeOf(e) === 'booking.code_invalid',
      );
    await expect(checkCode(secret, 'b@example.com', code, store, 1000)).rejects.toBeInstanceOf(
      AppError,
    );
    const fresh = await issueCode(secret, 'b@example.com', store, 0);
    await expect(
      checkCode(secret, 'b@example.com', fresh, store, 10 * 60_000),
    ).rejects.toBeInstanceOf(AppError);
    const last = await issueCode(secret, 'b@example.com', store, 0);
    await checkCode(secret, 'b@example.com', last, store, 60_000);
    await expect(checkCode(secret, 'b@example.com', last, store, 60_000)).rejects.toBeInstanceOf(
      AppError,
    );
  });

  it('says why a code no longer works: too many wrong tries, expired, or replaced', async () => {
    const store = memoryStore();
    const messageOf = (promise: Promise<unknown>) =>
      promise.then(
        () => 'accepted',
        (e: Error) => e.message,
      );
    const first = await issueCode(secret, 'f@example.com', store, 0);
    const wrong = first === '000000' ? '111111' : '000000';
    for (let i = 0; i < codeTries; i += 1)
      await checkCode(secret, 'f@example.com', wrong, store, 1000).catch(() => undefined);
    expect(await messageOf(checkCode(secret, 'f@example.com', first, store, 2000))).toBe(
      `This code no longer works after ${codeTries} wrong tries. Ask for a new one.`,
    );
    const older = await issueCode(secret, 'f@example.com', store, 0);
    const newer = await issueCode(secret, 'f@example.com', store, 0);
    if (older !== newer) {
      // The older email's code: said so, and not counted as a wrong try.
      for (let i = 0; i < codeTries; i += 1)
        expect(await messageOf(checkCode(secret, 'f@example.com', older, store, 1000))).toBe(
          'A newer code was sent since this one. Use the code in the newest email.',
        );
    }
    expect(await messageOf(checkCode(secret, 'f@example.com', newer, store, 10 * 60_000))).toBe(
      'This code has expired. Ask for a new one.',
    );
    expect(await messageOf(checkCode(secret, 'f@example.com', newer, store, 1000))).toBe(
      'accepted',
    );
  });

  it('a code for one address does not open another', async () => {
    const store = memoryStore();
    const code = await issueCode(secret, 'c@example.com', store, 0);
    await expect(checkCode(secret, 'd@example.com', code, store, 1)).rejects.toBeInstanceOf(
      AppError,
    );
  });
});

describe('the proof of an address', () => {
  it('reads back the address until it expires', () => {
    const proof = signProof(secret, 'e@example.com', 0);
    expect(readProof(secret, proof, proofValidMs - 1)).toBe('e@example.com');
    expect(() => readProof(secret, proof, proofValidMs)).toThrow(AppError);
  });

  it('refuses a forged, altered or foreign proof', () => {
    const proof = signProof(secret, 'e@example.com', 0);
    const [payload, signature] = proof.split('.');
    const other = Buffer.from(JSON.stringify({ e: 'x@example.com', x: 10 ** 13 })).toString(
      'base64url',
    );
    expect(() => readProof(secret, `${other}.${signature}`, 1)).toThrow(AppError);
    expect(() => readProof('another-secret', proof, 1)).toThrow(AppError);
    expect(() => readProof(secret, `${payload}`, 1)).toThrow(AppError);
    expect(() => readProof(secret, 'garbage', 1)).toThrow(AppError);
  });
});
