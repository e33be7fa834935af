import { describe, expect, it } from 'vitest';
import { html, htmlEmail, link, staffInvitationEmail } from '../../../functions/accounts/messages';
import { invitationEmail } from '../../../functions/invitations/messages';

const hostile = `<img src=x onerror="alert(1)"> & Co's`;

describe('email markup', () => {
  it('escapes every plain string it meets, in templates and paragraphs, and keeps markup made safe', () => {
    expect(String(html`<p>${hostile}</p>`)).toBe(
      '<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; Co&#39;s</p>',
    );
    expect(String(html`${link('https://a.example/?q="x"', hostile)}`)).toBe(
      '<a href="https://a.example/?q=&quot;x&quot;" style="color:#1d5fa8">&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; Co&#39;s</a>',
    );
    const page = htmlEmail(hostile, [hostile, html`<b>${hostile}</b>`]);
    expect(page).not.toContain('<img');
    expect(page).toContain('<b>&lt;img');
  });

  it('a clinic, a provider or a person with markup in their name stays text in every email', () => {
    const staff = staffInvitationEmail({
      clinicName: hostile,
      appUrl: 'https://clinic.example',
      email: 'new@clinic.example',
      temporaryPassword: 'Temp-<b>-1',
      validDays: 7,
    });
    const invitation = invitationEmail({
      providerName: hostile,
      startsAt: '2026-11-24T15:00:00.000Z',
      endsAt: '2026-11-24T15:50:00.000Z',
      timeZone: 'America/New_York',
      joinUrl: 'https://clinic.example/join/abc',
      pin: '01234567890',
      eventId: 'e1',
      sequence: 0,
      organizer: { name: hostile, email: 'visits@clinic.example' },
      sentAt: '2026-11-20T09:00:00.000Z',
    });
    for (const body of [staff.html, invitation.html]) {
      expect(body).not.toMatch(/<img|<b>-1/);
      expect(body).toContain('&lt;img src=x');
    }
  });
});
