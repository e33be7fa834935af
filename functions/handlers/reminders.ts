import { dynamoReminderClaims, startingBetween } from '../adapters/dynamodb/reminder-store';
import { invitationDeps } from '../http/deps/invitations';
import { sendDueReminders } from '../invitations/reminders';
import { logger } from '../platform/logger';

const deps = { ...invitationDeps, reminderClaims: dynamoReminderClaims, startingBetween };

/**
 * Lambda entry for the reminders sweep, run every minute by a scheduled rule (on one machine
 * by the local gateway). A failure is thrown: the next minute's sweep finds the same reminders
 * due (for half an hour) and unclaimed or given up.
 */
export async function handler(): Promise<{ sent: number }> {
  const sent = await sendDueReminders(deps);
  if (sent > 0) logger.info('reminders sent', { sent });
  return { sent };
}
