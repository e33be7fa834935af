import { stack } from './local-stack';

export interface OutboxMessage {
  id: string;
  kind: 'email' | 'sms';
  to: string[];
  subject?: string;
  text: string;
  html?: string;
  attachments: { filename: string; mimeType: string; content: string }[];
}

/** Every email and SMS the local stack sent, newest first, as the outbox page shows them. */
export async function outbox(): Promise<OutboxMessage[]> {
  return (await fetch(`${stack().url}/_outbox.json`)).json() as Promise<OutboxMessage[]>;
}

export async function messagesTo(address: string): Promise<OutboxMessage[]> {
  return (await outbox()).filter((m) => m.to.includes(address));
}

/** The join link in a message. */
export function joinLinkIn(message: OutboxMessage): string {
  const match = /https?:\/\/\S+\/join\/[A-Za-z0-9_-]{43}/.exec(message.text);
  if (!match) throw new Error('No join link in the message');
  return match[0];
}

/** The first message to `address` whose subject matches, waiting for it (sends are asynchronous). */
export async function mailTo(address: string, subject: RegExp): Promise<OutboxMessage> {
  for (let i = 0; i < 100; i += 1) {
    const found = (await messagesTo(address)).find((m) => subject.test(m.subject ?? ''));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail ${subject} to ${address}`);
}
