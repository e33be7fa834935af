import { htmlEmail, link } from '../accounts/messages';
import type { Mailer } from '../accounts/ports';
import { when } from '../invitations/messages';
import { logger } from '../platform/logger';

/**
 * "We have your request": sent at once to a new client whose booking waits for the provider's
 * approval, with the time asked for and the manage link (to withdraw it); no join link yet. A
 * message that cannot go out does not undo the request: the page has said what happens next,
 * and the approval's confirmation follows by the usual way.
 */
export async function tellRequestReceived(
  to: string,
  request: {
    providerName: string;
    startsAt: string;
    endsAt: string;
    timeZone: string;
    manageUrl: string;
  },
  deps: { mailer: Mailer },
): Promise<void> {
  const w = when(request);
  const subject = `Request received: video visit with ${request.providerName} on ${w.shortDay}`;
  const lines = [
    `We have your request for a video visit with ${request.providerName} on ${w.day}, ${w.time}.`,
    'The time is held for you. You will get an email when it is confirmed, with the link to join.',
  ];
  try {
    await deps.mailer.send({
      to,
      subject,
      text: [...lines, `To withdraw the request: ${request.manageUrl}`].join('\n\n'),
      html: htmlEmail(subject, [...lines, link(request.manageUrl, 'Withdraw the request')]),
    });
  } catch (error) {
    logger.warn('request notice not sent', {
      errorName: error instanceof Error ? error.name : 'unknown',
    });
  }
}
