import type { IncomingMessage, ServerResponse } from 'node:http';

/** Headers fetch sets itself (or that would describe the original hop, not ours). */
const hopHeaders = new Set(['host', 'connection', 'content-length', 'transfer-encoding']);

/**
 * Stands between the handlers and moto's SES and SNS (their endpoints point here in local mode)
 * and notes when each message was sent: moto keeps emails and SMS in separate lists with no
 * send time, and the outbox must list them newest first, across both.
 */
export function createSendLog(motoUrl: string) {
  const sentAt = new Map<string, number>();

  /** Forwards one SES or SNS call to moto unchanged and records the message ids it returns. */
  async function forward(
    req: IncomingMessage,
    res: ServerResponse,
    pathAndQuery: string,
    body: Buffer,
  ): Promise<void> {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && !hopHeaders.has(name)) headers.set(name, value);
    }
    const answer = await fetch(`${motoUrl}${pathAndQuery || '/'}`, {
      method: req.method ?? 'POST',
      headers,
      ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
    });
    const text = await answer.text();
    // SES and SNS answer in XML (query protocol); JSON too, should a client switch protocols.
    const now = Date.now();
    for (const match of text.matchAll(
      /<MessageId>([^<]+)<\/MessageId>|"MessageId"\s*:\s*"([^"]+)"/g,
    )) {
      const id = match[1] ?? match[2];
      if (id && !sentAt.has(id)) sentAt.set(id, now);
    }
    res.writeHead(answer.status, {
      'content-type': answer.headers.get('content-type') ?? 'text/xml',
    });
    res.end(text);
  }

  /**
   * When a message was sent; one that did not pass through here (sent straight to moto) counts
   * as sent when first seen.
   */
  function sentTime(messageId: string): number {
    const known = sentAt.get(messageId);
    if (known !== undefined) return known;
    const now = Date.now();
    sentAt.set(messageId, now);
    return now;
  }

  return { forward, sentTime };
}
