import { describe, expect, it } from 'vitest';
import { dialInOf } from '../../../functions/invitations/dial-in';
import {
  calendarFile,
  type InvitationFacts,
  invitationEmail,
  invitationSms,
} from '../../../functions/invitations/messages';

const facts: InvitationFacts = {
  providerName: 'Dr. Jordan Lee',
  startsAt: '2026-11-24T15:00:00.000Z',
  endsAt: '2026-11-24T15:50:00.000Z',
  timeZone: 'America/New_York',
  joinUrl: 'https://clinic.example/join/abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ',
  // Formatted as a function would: libphonenumber, loaded on demand.
  ...(await dialInOf('+12025550100')),
  pin: '01234567890',
  eventId: 'a1b2c3',
  sequence: 2,
  organizer: { name: 'Riverside Clinic', email: 'visits@riverside.example' },
  sentAt: '2026-11-20T09:00:00.000Z',
};

/** What must never be in an invitation: the patient and their visit, as the clinic knows them. */
const phi = ['Pat', 'Rivera', '1986-04-12', 'Anxiety', 'follow-up', 'notes', 'diagnosis'];

describe('invitation messages', () => {
  it('carry the link, the time, the dial-in number and PIN, and the provider, and nothing else of the patient', () => {
    const email = invitationEmail(facts);
    const sms = invitationSms(facts);
    for (const text of [email.subject, email.text, email.html, sms]) {
      expect(text).toContain('Dr. Jordan Lee');
      for (const word of phi) expect(text).not.toContain(word);
    }
    for (const text of [email.text, email.html, sms]) expect(text).toContain(facts.joinUrl);
    expect(email.text).toContain('Tuesday, November 24, 2026, 10:00 AM – 10:50 AM EST');
    expect(email.text).toContain('+1 202 555 0100');
    expect(email.text).toContain('012 3456 7890');
    // Numbers are written one way everywhere.
    expect(sms).toContain('+1 202 555 0100');
    expect(sms).toContain('012 3456 7890');
    expect(sms.length).toBeLessThanOrEqual(306);
  });

  it('attach a calendar event in UTC, so every calendar shows it at the right time in its own zone', () => {
    const ics = calendarFile(facts);
    expect(ics).toContain('DTSTART:20261124T150000Z\r\n');
    expect(ics).toContain('DTEND:20261124T155000Z\r\n');
    expect(ics).toContain('UID:a1b2c3@televisit\r\n');
    expect(ics).toContain('METHOD:REQUEST\r\n');
    expect(ics).toContain('SEQUENCE:2\r\n');
    expect(ics).toContain('STATUS:CONFIRMED\r\n');
    expect(ics).toContain('ORGANIZER;CN="Riverside Clinic":mailto:visits@riverside.example\r\n');
    // Every content line is at most 75 octets; longer ones fold onto lines starting with a space.
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(ics).not.toMatch(/Rivera|Pat\b/);
    const email = invitationEmail(facts);
    expect(email.attachments[0]).toMatchObject({
      filename: 'video-visit.ics',
      contentType: expect.stringContaining('text/calendar'),
    });
  });

  it('cancel with the same event and neither the link nor the PIN, which work no more', () => {
    const ics = calendarFile(facts, 'CANCEL');
    expect(ics).toContain('METHOD:CANCEL\r\n');
    expect(ics).toContain('STATUS:CANCELLED\r\n');
    expect(ics).toContain('UID:a1b2c3@televisit\r\n');
    expect(ics).toContain('DESCRIPTION:This video visit is cancelled.\r\n');
    expect(ics).not.toMatch(/^URL:/m);
    expect(ics).not.toContain(facts.joinUrl);
    expect(ics).not.toMatch(/PIN|\+1 ?202/);
  });

  it('tell a client who booked it themselves that it is booked, in the zone they chose', () => {
    const own = {
      ...facts,
      manageUrl: 'https://app.example/book/manage/x',
      timeZone: 'Asia/Kolkata',
    };
    const email = invitationEmail(own);
    expect(email.text.split('\n')[0]).toBe(
      `Your video visit with ${facts.providerName} is booked.`,
    );
    expect(email.text).not.toContain('invites you');
    // 15:00 UTC is 20:30 in Kolkata.
    expect(email.text).toContain('8:30 PM – 9:20 PM GMT+5:30');
    expect(invitationEmail(facts).text.split('\n')[0]).toBe(
      `${facts.providerName} invites you to a video visit.`,
    );
  });

  it('carry a temporary password only when the invitation created the account', () => {
    expect(invitationEmail(facts).text).not.toMatch(/password/i);
    const first = invitationEmail({
      ...facts,
      account: {
        signInUrl: 'https://clinic.example/sign-in',
        email: 'sam@example.com',
        temporaryPassword: 'Tmp-Pass-1aA',
        validDays: 3,
      },
    });
    expect(first.text).toContain('Tmp-Pass-1aA');
    expect(first.html).toContain('Tmp-Pass-1aA');
  });
});

describe('invitation messages before the clinic has a phone number', () => {
  it('offer no dial-in at all rather than a number that does not answer', () => {
    const { dialIn: _none, ...withoutPhone } = facts;
    const email = invitationEmail(withoutPhone);
    const sms = invitationSms(withoutPhone);
    for (const text of [email.text, email.html, sms, calendarFile(withoutPhone)]) {
      expect(text).not.toMatch(/PIN|Or call|by phone|555/);
      expect(text).toContain(facts.joinUrl.slice(0, 40));
    }
  });

  it('tell someone invited while the visit is about to start or under way to open the link now', () => {
    const duringCall = { ...facts, sentAt: '2026-11-24T15:20:00.000Z' };
    for (const text of [invitationEmail(duringCall).text, invitationEmail(duringCall).html]) {
      expect(text).toContain('open the link now');
      expect(text).not.toContain('a few minutes early');
    }
    expect(invitationEmail(facts).text).toContain('open the link a few minutes early');
  });
});
