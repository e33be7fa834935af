import { describe, expect, it } from 'vitest';
import { linkStatus, makeLink } from '../../../functions/links/link';
import { linkToken, looksLikeToken, tokenHash } from '../../../functions/links/tokens';

describe('join-link tokens', () => {
  const secret = 'a-test-secret-of-at-least-32-characters';
  it('are 256-bit HMACs of the link id: same id, same token; stored only as a hash', () => {
    const link = makeLink({ kind: 'room', roomId: 'r1' }, secret, '2026-11-23T15:00:00.000Z');
    expect(looksLikeToken(link.token)).toBe(true);
    expect(Buffer.from(link.token, 'base64url')).toHaveLength(32);
    expect(linkToken(secret, link.record.linkId)).toBe(link.token);
    expect(link.hash).toBe(tokenHash(link.token));
    expect(JSON.stringify(link.record)).not.toContain(link.token);
  });
  it('differ for another secret or another id', () => {
    expect(linkToken(secret, 'a')).not.toBe(linkToken(secret, 'b'));
    expect(linkToken(secret, 'a')).not.toBe(linkToken(`${secret}x`, 'a'));
  });
  it('are gone at expiry even before the TTL deletes them, and at once when revoked', () => {
    const { record } = makeLink({ kind: 'appointment', appointmentId: 'a1' }, secret, 'now', 1000);
    expect(linkStatus(record, 999).state).toBe('active');
    expect(linkStatus(record, 1000).state).toBe('expired');
    expect(linkStatus({ ...record, revokedAt: 'x' }, 10).state).toBe('revoked');
    expect(linkStatus(undefined, 10).state).toBe('unknown');
  });
});
