import { randomBytes } from 'node:crypto';
import type { OutgoingEmail } from '../accounts/ports';

/**
 * A MIME message (RFC 2045-2049, 5322) for SES's SendRawEmail: plain text and HTML as
 * alternatives, and attachments (an invitation's .ics). Every part is base64 (any UTF-8 text
 * is safe in it), a non-ASCII subject is an RFC 2047 encoded word, and lines end in CRLF.
 * Written here because the messages are always this one shape, and the general composers are
 * several times the size of the function that sends them (nodemailer's was 138 KB of it).
 */
const crlf = '\r\n';

function base64Lines(content: string | Buffer): string {
  const encoded = Buffer.from(content).toString('base64');
  return (encoded.match(/.{1,76}/g) ?? []).join(crlf);
}

/** A header value: as it is when it is plain ASCII, else an encoded word. */
function headerText(value: string): string {
  const clean = value.replace(/[\r\n]+/g, ' ');
  if (/^[\x20-\x7e]*$/.test(clean)) return clean;
  return `=?UTF-8?B?${Buffer.from(clean).toString('base64')}?=`;
}

/** A quoted MIME parameter (a file name), without characters that could break out of it. */
const parameter = (value: string) => `"${value.replace(/["\\\r\n]/g, '')}"`;

const boundary = (kind: string) => `=_${kind}_${randomBytes(12).toString('hex')}`;

function part(contentType: string, content: string | Buffer, extra: string[] = []): string {
  return [
    `Content-Type: ${contentType}`,
    'Content-Transfer-Encoding: base64',
    ...extra,
    '',
    base64Lines(content),
  ].join(crlf);
}

function multipart(kind: string, parts: string[]): { contentType: string; body: string } {
  const b = boundary(kind);
  const body = `${parts.map((p) => `--${b}${crlf}${p}`).join(crlf)}${crlf}--${b}--`;
  return { contentType: `multipart/${kind}; boundary="${b}"`, body };
}

export function composeMime(from: string, email: OutgoingEmail, now = new Date()): Buffer {
  const alternative = multipart('alternative', [
    part('text/plain; charset=utf-8', email.text),
    part('text/html; charset=utf-8', email.html),
  ]);
  const attachments = (email.attachments ?? []).map((a) =>
    part(a.contentType, a.content, [
      `Content-Disposition: attachment; filename=${parameter(a.filename)}`,
    ]),
  );
  const content =
    attachments.length === 0
      ? alternative
      : multipart('mixed', [
          `Content-Type: ${alternative.contentType}${crlf}${crlf}${alternative.body}`,
          ...attachments,
        ]);
  const domain = from.split('@')[1] ?? 'televisit';
  const headers = [
    `From: ${from}`,
    `To: ${email.to}`,
    `Subject: ${headerText(email.subject)}`,
    `Date: ${now.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${randomBytes(16).toString('hex')}@${domain}>`,
    'MIME-Version: 1.0',
    `Content-Type: ${content.contentType}`,
  ];
  return Buffer.from(`${headers.join(crlf)}${crlf}${crlf}${content.body}${crlf}`);
}
