import { html, htmlEmail, link, muted, strong } from '../accounts/messages';
import { calendarEvent } from './calendar-file';
import type { DialIn } from './dial-in';
import { formatPin } from './pins';

/**
 * What an invitation says. Only the minimum: the join link, the date and time, the dial-in
 * number and PIN, and the provider's display name. Never the patient's name, date of birth,
 * the reason for the visit or notes: the inputs do not even carry them.
 */
export interface InvitationFacts {
  providerName: string;
  startsAt: string;
  endsAt: string;
  /** The clinic's zone: the time in the message is said in it, with its name. */
  timeZone: string;
  joinUrl: string;
  /** Absent until the clinic has a phone number: the message then offers no dial-in. */
  dialIn?: DialIn;
  pin: string;
  /** Set only in a contact's first invitation: their new account's temporary password. */
  account?: { signInUrl: string; email: string; temporaryPassword: string; validDays: number };
  /** A stable id so a calendar updates the same event when the invitation is sent again. */
  eventId: string;
  /** Raised with every change of the appointment, so calendars take the newest. */
  sequence: number;
  /** The clinic's name and sending address: the calendar event's organizer. */
  organizer: { name: string; email: string };
  /** When the message is made (the calendar event's stamp). */
  sentAt: string;
  /** Only to a client who booked online: where they cancel or move the visit themselves. */
  manageUrl?: string;
}

/** A date or time in the clinic's zone, in US English, with plain spaces. */
function format(iso: string, timeZone: string, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, ...options })
    .format(new Date(iso))
    .replace(/[\u202f\u00a0]/g, ' ');
}

/** The visit's day and times as messages say them, in the clinic's zone. */
export function when(facts: Pick<InvitationFacts, 'startsAt' | 'endsAt' | 'timeZone'>) {
  const zone = facts.timeZone;
  const time = (iso: string) => format(iso, zone, { hour: 'numeric', minute: '2-digit' });
  // The zone's short name at that moment (EST or EDT; GMT+1 where there is no abbreviation).
  const zoneName =
    new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' })
      .formatToParts(new Date(facts.startsAt))
      .find((p) => p.type === 'timeZoneName')?.value ?? zone;
  return {
    day: format(facts.startsAt, zone, {
      weekday: 'long',
      month: 'long',
      day: 'numeric',
      year: 'numeric',
    }),
    shortDay: format(facts.startsAt, zone, { weekday: 'short', month: 'short', day: 'numeric' }),
    time: `${time(facts.startsAt)} – ${time(facts.endsAt)} ${zoneName}`,
    shortTime: `${time(facts.startsAt)} ${zoneName}`,
  };
}

/**
 * How to join, in one sentence: a few minutes early for a visit still ahead; now for one that
 * is about to start or under way (someone added during the call).
 */
function howToJoin(facts: Pick<InvitationFacts, 'startsAt' | 'sentAt'>): string {
  const soon = Date.parse(facts.sentAt) >= Date.parse(facts.startsAt) - 15 * 60_000;
  return soon
    ? 'No app or account is needed: open the link now, enter your name, and you will be let in.'
    : 'No app or account is needed: open the link a few minutes early, enter your name, and you will be let in.';
}

export function invitationEmail(facts: InvitationFacts) {
  const w = when(facts);
  const dialIn = facts.dialIn?.shown;
  const pin = formatPin(facts.pin);
  const personal = dialIn
    ? 'This link and PIN are personal: please do not forward them. They stop working after the visit.'
    : 'This link is personal: please do not forward it. It stops working after the visit.';
  const subject = `Video visit with ${facts.providerName} on ${w.shortDay}`;
  // A client who booked it themselves (they alone have a manage link) is not "invited".
  const opening = facts.manageUrl
    ? `Your video visit with ${facts.providerName} is booked.`
    : `${facts.providerName} invites you to a video visit.`;
  const text = [
    opening,
    `When: ${w.day}, ${w.time}`,
    `Join from your computer or phone: ${facts.joinUrl}`,
    howToJoin(facts),
    ...(dialIn
      ? [`Or join by phone: call ${dialIn} and enter your PIN ${pin} followed by #.`]
      : []),
    ...(facts.account
      ? [
          `We also made you an account to see your upcoming visits: sign in at ${facts.account.signInUrl} with ${facts.account.email} and the temporary password ${facts.account.temporaryPassword} (valid ${facts.account.validDays} days; you will choose your own at first sign-in).`,
        ]
      : []),
    ...(facts.manageUrl ? [`To cancel or change the time: ${facts.manageUrl}`] : []),
    personal,
  ].join('\n\n');
  const body = htmlEmail(`Video visit with ${facts.providerName}`, [
    opening,
    html`${strong('When:')} ${w.day}, ${w.time}`,
    html`${link(facts.joinUrl, 'Join the video visit')}<br>${muted(facts.joinUrl)}`,
    howToJoin(facts),
    ...(dialIn
      ? [
          html`Or join by phone: call ${strong(dialIn)} and enter your PIN ${strong(pin)} followed by #.`,
        ]
      : []),
    ...(facts.account
      ? [
          html`We also made you an account to see your upcoming visits: sign in at ${link(facts.account.signInUrl, facts.account.signInUrl)} with ${facts.account.email} and the temporary password ${strong(facts.account.temporaryPassword)} (valid ${facts.account.validDays} days; you will choose your own at first sign-in).`,
        ]
      : []),
    ...(facts.manageUrl ? [html`${link(facts.manageUrl, 'Cancel or change the time')}`] : []),
    muted(personal),
  ]);
  return {
    subject,
    text,
    html: body,
    attachments: [
      {
        filename: 'video-visit.ics',
        contentType: 'text/calendar; charset=utf-8; method=REQUEST',
        content: calendarFile(facts),
      },
    ],
  };
}

/** The same facts as an SMS: short enough for two segments, link first so phones linkify it. */
export function invitationSms(facts: InvitationFacts): string {
  const w = when(facts);
  // Numbers written as everywhere else (emails, pages): +1 202 555 0100, PIN 012 3456 7890.
  const phone = facts.dialIn ? ` Or call ${facts.dialIn.shown}, PIN ${formatPin(facts.pin)} #` : '';
  return `Video visit with ${facts.providerName}, ${w.shortDay} ${w.shortTime}. Join: ${facts.joinUrl}${phone}`;
}

/**
 * An .ics event in UTC: every calendar shows it at the right time in its own zone. The same UID
 * for the appointment's whole life; `CANCEL` takes it off the calendar.
 */
export function calendarFile(
  facts: InvitationFacts,
  method: 'REQUEST' | 'CANCEL' = 'REQUEST',
): string {
  return calendarEvent({
    uid: `${facts.eventId}@televisit`,
    sequence: facts.sequence,
    method,
    startsAt: facts.startsAt,
    endsAt: facts.endsAt,
    title: `Video visit with ${facts.providerName}`,
    // A cancellation's link and PIN work no more: it says only that the visit is off.
    description:
      method === 'CANCEL'
        ? 'This video visit is cancelled.'
        : facts.dialIn
          ? `Join: ${facts.joinUrl}\nOr call ${facts.dialIn.number} and enter PIN ${formatPin(facts.pin)} followed by #.`
          : `Join: ${facts.joinUrl}`,
    url: method === 'CANCEL' ? undefined : facts.joinUrl,
    organizer: facts.organizer,
    stamp: facts.sentAt,
  });
}
