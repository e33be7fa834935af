import type { ContextName } from '../../functions/http/route-table';
import type { AppUrlSource } from '../config';
import type { TelevisitFunction } from '../constructs/televisit-function';
import {
  appointmentsTable,
  auditTable,
  connectionsTable,
  guestLinksTable,
  limitsTable,
} from '../schema/tables';
import type { AuthStack } from './auth-stack';
import type { DataStack } from './data-stack';
import type { MessagingStack } from './messaging-stack';
import type { RealtimeStack } from './realtime-stack';
import type { TelephonyStack } from './telephony-stack';

export interface PermissionSources {
  data: DataStack;
  auth: AuthStack;
  messaging: MessagingStack;
  /** The WebSocket API (news reaches browsers through its visit-news function, not these). */
  realtime: Pick<RealtimeStack, 'allowPushing'>;
  appUrl: AppUrlSource;
  /** The clinic's dial-in number (televisit:dialInNumber), once it has one. */
  dialInNumber?: string | undefined;
  /** The phone line (televisit:telephony=true): the visits function wakes and places calls. */
  telephony?: Pick<TelephonyStack, 'allowUpdates' | 'allowCalls'> | undefined;
}

/**
 * The web app's address for links in emails (functions/platform/app-url.ts): APP_URL when it
 * is known before deployment, otherwise the SSM parameter the web stack writes, read by name.
 */
export function useAppUrl(fn: TelevisitFunction, appUrl: AppUrlSource): TelevisitFunction {
  return appUrl.kind === 'url'
    ? fn.setEnvironment('APP_URL', appUrl.url)
    : fn.useParameter('APP_URL_PARAMETER', appUrl.parameterName);
}

/**
 * Sends email through SES (functions/adapters/ses-mailer.ts, SendRawEmail) from the clinic's
 * domain identity only, with its configuration set. In the SES sandbox IAM also checks each
 * recipient's identity, so this grant works once the account has production access.
 */
export function sendsMail(fn: TelevisitFunction, { mail }: MessagingStack): TelevisitFunction {
  return fn
    .setEnvironment('MAIL_FROM', mail.from)
    .setEnvironment('SES_CONFIGURATION_SET', mail.configurationSetName)
    .allow(['ses:SendRawEmail'], [mail.identityArn, mail.configurationSetArn]);
}

/**
 * What each HTTP context's function may call, and the environment that names it: exactly what
 * its code calls, nothing more. Typed by ContextName, so a new context in route-table.ts does
 * not compile until its permissions are written here.
 */
export const contextPermissions: Record<
  ContextName,
  (fn: TelevisitFunction, sources: PermissionSources) => void
> = {
  // GET /api/health probes every service with one cheap read-only call (health-probes.ts).
  platform: (fn, { data, auth }) => {
    fn.useTable(data.table(appointmentsTable), 'describe')
      .setEnvironment('USER_POOL_ID', auth.userPool.userPoolId)
      .allow(['cognito-idp:DescribeUserPool'], [auth.userPool.userPoolArn])
      .allowResourceless(['ses:GetSendQuota', 'sns:GetSMSAttributes'])
      .allowMeetings(['chime:GetMeeting']);
  },
  // The signed-in person, staff and roles, clinic settings (accounts/staff.ts, scheduling/
  // clinic.ts). Profiles: GetItem, gsi1 `USERS`, Put and Update in transactions with the owner
  // count; settings: GetItem, UpdateItem. A staff invitation creates the Cognito account (its
  // own email suppressed), and an owner or manager may give someone a new temporary password;
  // either way the clinic's email goes out through SES, with a sign-in link. An invitation cut off
  // between the account and its profile is finished by the next one (AdminGetUser finds it).
  accounts: (fn, { data, auth, messaging, appUrl }) => {
    fn.useTable(data.table(appointmentsTable), ['GetItem', 'PutItem', 'UpdateItem'], {
      indexes: ['gsi1'],
    })
      // Who invited whom, roles, permissions, accounts disabled, passwords reset, settings
      // changed: entries Put in the change's own transaction (or alone, for a password reset).
      .useTable(data.table(auditTable), ['PutItem'])
      .setEnvironment('USER_POOL_ID', auth.userPool.userPoolId)
      .allow(
        [
          'cognito-idp:AdminCreateUser',
          'cognito-idp:AdminGetUser',
          'cognito-idp:AdminAddUserToGroup',
          'cognito-idp:AdminRemoveUserFromGroup',
          'cognito-idp:AdminEnableUser',
          'cognito-idp:AdminDisableUser',
          'cognito-idp:AdminSetUserPassword',
        ],
        [auth.userPool.userPoolArn],
      );
    sendsMail(fn, messaging);
    useAppUrl(fn, appUrl);
  },
  // Calendars, appointments, clients, contacts, rooms and the client portal. Appointments
  // table: GetItem, BatchGetItem (day indexes, strongly consistent; client names; contacts),
  // Query (a client's contact links and finder items, gsi1 calendars/rooms/people/clients,
  // gsi2 client calendars and first names), PutItem, UpdateItem, and DeleteItem (unlinking a
  // contact; a client's finder items of old values, in the edit's transaction).
  // Guest links: Put and Update in the booking and room transactions; an appointment's links
  // and PINs (gsi1) and invitees (Query) are re-timed or revoked with it; a contact's
  // invitations (gsi1) show in the portal. Join links are derived from the link secret.
  scheduling: (fn, { data, appUrl }) => {
    fn.useTable(
      data.table(appointmentsTable),
      ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'],
      { indexes: ['gsi1', 'gsi2'] },
    )
      .useTable(data.table(guestLinksTable), ['Query', 'PutItem', 'UpdateItem'], {
        indexes: ['gsi1'],
      })
      .useMacKey('LINK_KEY_ID', data.linkKey);
    useAppUrl(fn, appUrl);
  },
  // Invitees, Send Now, join links and portal sign-up (functions/invitations). Appointments
  // table: GetItem (appointments, rooms, people, settings, clients, contacts), PutItem (a new
  // contact's or client's profile) and UpdateItem (their account on the contact or client).
  // Guest links: invitees, their PINs and identity guards (Query on the table, GetItem, Put and
  // Delete in transactions), join links (GetItem), sign-up invitations (Put, Get, Delete,
  // Update) and Send Now's lock (`APPT#…` / `SENDING`: Update to take it, Get, Delete to give it
  // back; the invitees' deliveries are updated in the transaction that releases it); no index (a
  // contact's invitations, gsi1, are read by the scheduling and visits functions). Every
  // invitation, withdrawal and delivery attempt goes into the audit table (PutItem). The public
  // link and sign-up routes count requests in the limits table (UpdateItem). Contact and portal
  // accounts are created in Cognito (or found, AdminGetUser, to finish one an earlier attempt
  // left without its profile); invitations and sign-up links go out by SES, invitations
  // also by SMS straight to the invitee's number. DIAL_IN_NUMBER only when the clinic has set one.
  invitations: (fn, { data, auth, messaging, appUrl, dialInNumber }) => {
    fn.useTable(data.table(appointmentsTable), ['GetItem', 'PutItem', 'UpdateItem'])
      .useTable(data.table(guestLinksTable), [
        'GetItem',
        'Query',
        'PutItem',
        'UpdateItem',
        'DeleteItem',
      ])
      .useTable(data.table(auditTable), ['PutItem'])
      .useTable(data.table(limitsTable), ['UpdateItem'])
      .useMacKey('LINK_KEY_ID', data.linkKey)
      .setEnvironment('USER_POOL_ID', auth.userPool.userPoolId)
      .allow(
        [
          'cognito-idp:AdminCreateUser',
          'cognito-idp:AdminGetUser',
          'cognito-idp:AdminAddUserToGroup',
          'cognito-idp:AdminSetUserPassword',
        ],
        [auth.userPool.userPoolArn],
      )
      .allowSmsToPhoneNumbers();
    if (dialInNumber) fn.setEnvironment('DIAL_IN_NUMBER', dialInNumber);
    sendsMail(fn, messaging);
    useAppUrl(fn, appUrl);
  },
  // Online booking (functions/booking): providers' booking settings (GetItem, PutItem), the
  // public page's free slots from the day indexes (BatchGetItem, consistent), the client by
  // email (Query on the finder partition, BatchGetItem) and their upcoming visits (gsi2), a
  // booking, cancellation or reschedule in one transaction (PutItem: the appointment, days,
  // a new client with its finders and email guard). Guest links: the appointment's join link,
  // manage link and idempotency key (Put in that transaction; Get to look them up), one-time
  // codes (Get, Update), and a change's links and PINs re-timed or revoked (gsi1 Query,
  // UpdateItem). Limits: the public routes' counters. Codes go out by SES; links are derived
  // from the link secret (KMS MAC).
  booking: (fn, { data, messaging, appUrl }) => {
    fn.useTable(
      data.table(appointmentsTable),
      ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem'],
      { indexes: ['gsi2'] },
    )
      .useTable(data.table(guestLinksTable), ['GetItem', 'Query', 'PutItem', 'UpdateItem'], {
        indexes: ['gsi1'],
      })
      .useTable(data.table(limitsTable), ['UpdateItem'])
      .useMacKey('LINK_KEY_ID', data.linkKey);
    sendsMail(fn, messaging);
    useAppUrl(fn, appUrl);
  },
  // The waiting room and the call (functions/visits), behind http/apps/visits.ts. Appointments
  // table: the caller's profile, appointments, rooms, settings (GetItem, BatchGetItem), a visit
  // with its meeting and attendees in one consistent read (Query on `VISIT#…`: STATE, MEETING,
  // ATTENDEE#…), a change's state, meeting and attendees (Put in a transaction with its audit
  // entries), a meeting marked ended and a room's active visit (UpdateItem), an attendee removed
  // (DeleteItem), an ended appointment marked completed (Put in a transaction); gsi1 (people, a
  // provider's day) and gsi2 (a client's day, for a personal room) find the open visits. Guest
  // links: links, invitees and participant tokens (GetItem; a knock's token is Put in its
  // transaction), an appointment's invitees (Query) for the attendees made with its meeting, and,
  // when a visit ends, every link, PIN and invitation of the appointment (gsi1) revoked in the
  // same transaction (UpdateItem). Audit: entries (Put in the transactions) and the audit log
  // page (Query on the table by visit and on gsi1 by day). Limits: the Chime pacer and the public
  // routes' counters (UpdateItem). Chime: a meeting made with its attendees
  // (CreateMeetingWithAttendees, which IAM cannot scope), more attendees made and deleted, a
  // meeting's existence checked after a failed join (GetMeeting), the meeting deleted at the end.
  // One push: Allow tells the admitted their join information at once (their connections found
  // on the connections table's gsi1, posted to through the realtime stack's one push policy);
  // the rest of the news goes out from the appointments table's stream (realtime stack).
  visits: (fn, { data, realtime, telephony, dialInNumber }) => {
    fn.useTable(
      data.table(appointmentsTable),
      ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'],
      { indexes: ['gsi1', 'gsi2'] },
    )
      .useTable(data.table(guestLinksTable), ['GetItem', 'PutItem', 'Query', 'UpdateItem'], {
        indexes: ['gsi1'],
      })
      .useTable(data.table(auditTable), ['PutItem', 'Query'], { indexes: ['gsi1'] })
      .useTable(data.table(limitsTable), ['UpdateItem', 'Query'])
      .useTable(data.table(connectionsTable), [], { indexes: ['gsi1'] })
      .allowResourceless(['chime:CreateMeetingWithAttendees'])
      .allowMeetings([
        'chime:BatchCreateAttendee',
        'chime:DeleteAttendee',
        'chime:DeleteMeeting',
        'chime:GetMeeting',
      ]);
    realtime.allowPushing(fn);
    // A provider's mute of a caller wakes their call (UpdateSipMediaApplicationCall); with the
    // clinic's number, a provider's "Call a phone" places one (CreateSipMediaApplicationCall),
    // counted per provider in the limits table (Query).
    if (telephony && dialInNumber) telephony.allowCalls(fn, dialInNumber);
    else telephony?.allowUpdates(fn);
  },
};
