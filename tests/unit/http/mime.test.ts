import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { composeMime } from '../../../functions/adapters/mime';

describe('the email format', () => {
  it('carries text, HTML and an .ics attachment that a mail reader takes apart again, with CRLF line ends', async () => {
    const raw = composeMime(
      'no-reply@clinic.example',
      {
        to: 'guest@example.com',
        subject: 'Video visit with Dr. Łukasz Nowak on Tue Nov 24',
        text: 'Hello\nJoin: https://clinic.example/join/abc',
        html: '<p>Hello</p>',
        attachments: [
          {
            filename: 'video-visit.ics',
            contentType: 'text/calendar; charset=utf-8; method=REQUEST',
            content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
          },
        ],
      },
      new Date('2026-11-24T15:00:00Z'),
    );
    const text = raw.toString('utf8');
    expect(
      text.split('\n').every((line, i, all) => i === all.length - 1 || line.endsWith('\r')),
    ).toBe(true);
    const parsed = await PostalMime.parse(raw);
    expect(parsed.subject).toBe('Video visit with Dr. Łukasz Nowak on Tue Nov 24');
    expect(parsed.from?.address).toBe('no-reply@clinic.example');
    expect(parsed.to?.[0]?.address).toBe('guest@example.com');
    expect(parsed.text?.trim()).toBe('Hello\nJoin: https://clinic.example/join/abc');
    expect(parsed.html).toBe('<p>Hello</p>');
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0]?.filename).toBe('video-visit.ics');
    expect(parsed.attachments[0]?.mimeType).toBe('text/calendar');
    expect(Buffer.from(parsed.attachments[0]?.content as ArrayBuffer).toString('utf8')).toContain(
      'BEGIN:VCALENDAR',
    );
  });
});
