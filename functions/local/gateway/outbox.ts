import PostalMime from 'postal-mime';

/** One email or SMS that the local stack sent, as the outbox page shows it. */
export interface OutboxEntry {
  id: string;
  kind: 'email' | 'sms';
  to: string[];
  from?: string;
  subject?: string;
  text: string;
  html?: string;
  attachments: { filename: string; mimeType: string; content: string }[];
  /** Position in moto's list of its kind (plain email, raw email, SMS), in the order sent. */
  sequence: number;
}

interface MotoData {
  ses?: {
    Message?: {
      id: string;
      source: string;
      subject: string;
      body: string;
      destinations: { ToAddresses?: string[] };
    }[];
    RawMessage?: { id: string; source: string; raw_data: string; destinations: string[] }[];
  };
  sns?: { SMS?: { message_id: string; phone_number: string; message: string }[] };
}

/**
 * Reads what moto's SES and SNS captured and turns it into outbox entries, newest first by
 * `sentTime` (the gateway's send log), then by each list's own order.
 */
export async function readOutbox(
  motoUrl: string,
  sentTime: (messageId: string) => number,
): Promise<OutboxEntry[]> {
  const response = await fetch(`${motoUrl}/moto-api/data.json`);
  if (!response.ok) throw new Error(`moto answered ${response.status}`);
  const data = (await response.json()) as MotoData;
  const entries: OutboxEntry[] = [];
  let sequence = 0;
  for (const m of data.ses?.Message ?? []) {
    entries.push({
      id: m.id,
      kind: 'email',
      to: m.destinations.ToAddresses ?? [],
      from: m.source,
      subject: m.subject,
      text: m.body,
      html: m.body,
      attachments: [],
      sequence: sequence++,
    });
  }
  for (const m of data.ses?.RawMessage ?? []) {
    const parsed = await PostalMime.parse(m.raw_data);
    entries.push({
      id: m.id,
      kind: 'email',
      to: [...new Set(m.destinations)],
      from: m.source,
      ...(parsed.subject ? { subject: parsed.subject } : {}),
      text: parsed.text ?? '',
      ...(parsed.html ? { html: parsed.html } : {}),
      attachments: parsed.attachments.map((a) => ({
        filename: a.filename ?? 'attachment',
        mimeType: a.mimeType,
        content: typeof a.content === 'string' ? a.content : new TextDecoder().decode(a.content),
      })),
      sequence: sequence++,
    });
  }
  for (const s of data.sns?.SMS ?? []) {
    entries.push({
      id: s.message_id,
      kind: 'sms',
      to: [s.phone_number],
      text: s.message,
      attachments: [],
      sequence: sequence++,
    });
  }
  // moto keeps SES plain and raw messages and SMS in separate lists, each in sending order.
  const times = new Map(entries.map((e) => [e.id, sentTime(e.id)]));
  return entries.sort(
    (a, b) => (times.get(b.id) ?? 0) - (times.get(a.id) ?? 0) || b.sequence - a.sequence,
  );
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** Plain text with its web links made clickable. */
const linkify = (text: string) =>
  escapeHtml(text).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);

/** The outbox page: every message, newest first, with clickable links. Local mode only. */
export function renderOutbox(entries: readonly OutboxEntry[]): string {
  const rows = entries
    .map(
      (e) => `<article class="msg" data-kind="${e.kind}">
  <header><span class="kind">${e.kind === 'email' ? 'Email' : 'SMS'}</span>
  <span class="to">to ${escapeHtml(e.to.join(', '))}</span>${e.subject ? `<h2>${escapeHtml(e.subject)}</h2>` : ''}</header>
  <pre class="body">${linkify(e.text)}</pre>
  ${e.attachments.map((a) => `<details><summary>Attachment: ${escapeHtml(a.filename)} (${escapeHtml(a.mimeType)})</summary><pre>${escapeHtml(a.content)}</pre></details>`).join('')}
</article>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Outbox · Televisit (local)</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;background:#f5f7fa;color:#1c2733}
main{max-width:820px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}.note{color:#5b6b7b;margin:0 0 20px}
.msg{background:#fff;border:1px solid #d8e0e8;border-radius:10px;padding:14px 18px;margin:0 0 14px}
.msg header{display:flex;flex-wrap:wrap;gap:8px;align-items:baseline}
.kind{font-size:12px;font-weight:600;text-transform:uppercase;background:#e3eefb;color:#1d5fa8;border-radius:6px;padding:1px 8px}
.msg[data-kind=sms] .kind{background:#e5f6ea;color:#1d7a3c}
.to{color:#5b6b7b}.msg h2{flex-basis:100%;font-size:17px;margin:4px 0 0}
.body{white-space:pre-wrap;font:inherit;margin:10px 0 0}a{color:#1d5fa8}
</style></head>
<body><main><h1>Outbox</h1>
<p class="note">Every email and text message the local system sent, newest first. Only in local mode; in AWS they go out through SES and SNS.</p>
${rows || '<p>Nothing has been sent yet.</p>'}
</main></body></html>`;
}
