import { html, htmlEmail, link, muted, strong } from '../accounts/messages';
import { calendarFile, type InvitationFacts, when } from './messages';
import { formatPin } from './pins';

/** What changed about a visit someone was invited to. */
export type Change = 'moved' | 'cancelled';

/**
 * The message to each invitee who was told of a visit when its time changes or it is cancelled:
 * the new time with the same link and PIN (and the calendar event updated in place: same UID,
 * higher SEQUENCE), or the cancellation (METHOD:CANCEL, STATUS:CANCELLED). As minimal as the
 * invitation: the provider's name and the times, never anything about the patient.
 */
export function noticeEmail(facts: InvitationFacts, change: Change) {
  const w = when(facts);
  const calendar = {
    filename: 'video-visit.ics',
    contentType: `text/calendar; charset=utf-8; method=${change === 'moved' ? 'REQUEST' : 'CANCEL'}`,
    content: calendarFile(facts, change === 'moved' ? 'REQUEST' : 'CANCEL'),
  };
  if (change === 'cancelled') {
    const subject = `Cancelled: video visit with ${facts.providerName} on ${w.shortDay}`;
    const lines = [
      `Your video visit with ${facts.providerName} on ${w.day}, ${w.time}, is cancelled.`,
      'Your link and PIN for it no longer work. If you have questions, contact the clinic.',
    ];
    return {
      subject,
      text: lines.join('\n\n'),
      html: htmlEmail(subject, lines),
      attachments: [calendar],
    };
  }
  const dialIn = facts.dialIn?.shown;
  const pin = formatPin(facts.pin);
  const subject = `New time: video visit with ${facts.providerName} on ${w.shortDay}`;
  const text = [
    `Your video visit with ${facts.providerName} has a new time.`,
    `When: ${w.day}, ${w.time}`,
    `Your link is the same: ${facts.joinUrl}`,
    ...(dialIn
      ? [`Or join by phone: call ${dialIn} and enter your PIN ${pin} followed by #.`]
      : []),
    ...(facts.manageUrl ? [`To cancel or change the time: ${facts.manageUrl}`] : []),
  ].join('\n\n');
  return {
    subject,
    text,
    html: htmlEmail(subject, [
      `Your video visit with ${facts.providerName} has a new time.`,
      html`${strong('When:')} ${w.day}, ${w.time}`,
      html`${link(facts.joinUrl, 'Join the video visit')}<br>${muted(facts.joinUrl)}`,
      ...(dialIn
        ? [
            html`Or join by phone: call ${strong(dialIn)} and enter your PIN ${strong(pin)} followed by #.`,
          ]
        : []),
      ...(facts.manageUrl ? [html`${link(facts.manageUrl, 'Cancel or change the time')}`] : []),
    ]),
    attachments: [calendar],
  };
}

/** The same as an SMS: one segment where it fits, the link for a new time. */
export function noticeSms(facts: InvitationFacts, change: Change): string {
  const w = when(facts);
  return change === 'cancelled'
    ? `Cancelled: your video visit with ${facts.providerName}, ${w.shortDay} ${w.shortTime}.`
    : `New time: video visit with ${facts.providerName}, ${w.shortDay} ${w.shortTime}. Same link: ${facts.joinUrl}`;
}
