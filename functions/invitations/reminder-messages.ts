import { html, htmlEmail, link, muted, strong } from '../accounts/messages';
import { calendarFile, type InvitationFacts, when } from './messages';
import { formatPin } from './pins';

/**
 * A reminder: the provider's name, the time, the person's own link (and PIN), and for a client
 * who booked online their manage link; nothing about the patient. The email carries the same
 * calendar event again (same UID and SEQUENCE), so a calendar that lost it gets it back.
 */
export function reminderEmail(facts: InvitationFacts) {
  const w = when(facts);
  const dialIn = facts.dialIn?.shown;
  const pin = formatPin(facts.pin);
  const subject = `Reminder: video visit with ${facts.providerName} on ${w.shortDay}`;
  const lines = [
    `This is a reminder of your video visit with ${facts.providerName}.`,
    `When: ${w.day}, ${w.time}`,
    `Join from your computer or phone: ${facts.joinUrl}`,
    ...(dialIn ? [`Or call ${dialIn} and enter your PIN ${pin} followed by #.`] : []),
    ...(facts.manageUrl ? [`To cancel or change the time: ${facts.manageUrl}`] : []),
  ];
  return {
    subject,
    text: lines.join('\n\n'),
    html: htmlEmail(subject, [
      `This is a reminder of your video visit with ${facts.providerName}.`,
      html`${strong('When:')} ${w.day}, ${w.time}`,
      html`${link(facts.joinUrl, 'Join the video visit')}<br>${muted(facts.joinUrl)}`,
      ...(dialIn
        ? [html`Or call ${strong(dialIn)} and enter your PIN ${strong(pin)} followed by #.`]
        : []),
      ...(facts.manageUrl ? [html`${link(facts.manageUrl, 'Cancel or change the time')}`] : []),
    ]),
    attachments: [
      {
        filename: 'video-visit.ics',
        contentType: 'text/calendar; charset=utf-8; method=REQUEST',
        content: calendarFile(facts),
      },
    ],
  };
}

export function reminderSms(facts: InvitationFacts): string {
  const w = when(facts);
  return `Reminder: video visit with ${facts.providerName}, ${w.shortDay} ${w.shortTime}. Join: ${facts.joinUrl}`;
}
