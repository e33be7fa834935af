import { randomBytes } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DateTime } from 'luxon';
import { items, keys } from '../adapters/dynamodb/tables';
import { defaultBookingSettings } from '../booking/settings';
import type { Role, UserActor } from '../identity/actor';
import { AppError } from '../platform/errors';
import { createAppointments } from '../scheduling/booking';
import { defaultClinicSettings } from '../scheduling/clinic';

/** The demo password of every demo account (DESIGN.md section 6). Local mode only. */
export const demoPassword = 'Demo-Password-1';

/** Dr. Lee takes online bookings: weekdays 9 to 5 in the clinic's zone, new clients welcome. */
export const demoBookingSettings = (timeZone: string) => ({
  ...defaultBookingSettings(timeZone),
  enabled: true,
  minimumNoticeMinutes: 60,
});

interface DemoAccount {
  email: string;
  role: Role;
  displayName: string;
  teletherapy?: boolean;
  clientId?: string;
  contactId?: string;
}

/** Fixed ids so a second start finds the same records instead of adding new ones. */
export const demoIds = {
  clientPat: 'c1a7e0f2-5b1d-4c8e-9a57-0b1f6e2d4c11',
  clientAlex: 'c2b8f1a3-6c2e-4d9f-8b68-1c2a7f3e5d22',
  clientJamie: 'c3c9a2b4-7d3f-4e0a-9c79-2d3b8a4f6e33',
  contactSam: 'd4dab3c5-8e4a-4f1b-8d8a-3e4c9b5a7f44',
};

export const demoAccounts: readonly DemoAccount[] = [
  { email: 'owner@demo.test', role: 'owner', displayName: 'Olivia Owens' },
  { email: 'manager@demo.test', role: 'manager', displayName: 'Morgan Hale' },
  { email: 'dr.lee@demo.test', role: 'provider', displayName: 'Dr. Jordan Lee', teletherapy: true },
  { email: 'dr.kim@demo.test', role: 'provider', displayName: 'Dr. Sung Kim', teletherapy: false },
  { email: 'frontdesk@demo.test', role: 'staff', displayName: 'Casey Front' },
  {
    email: 'pat@demo.test',
    role: 'client',
    displayName: 'Pat Rivera',
    clientId: demoIds.clientPat,
  },
  {
    email: 'sam@demo.test',
    role: 'contact',
    displayName: 'Sam Rivera',
    contactId: demoIds.contactSam,
  },
];

export interface SeedTarget {
  cognito: CognitoIdentityProviderClient;
  documents: DynamoDBDocumentClient;
  userPoolId: string;
  appointmentsTable: string;
  now: Date;
}

/** Creates a Cognito user with a permanent password (or finds it) and returns its `sub`. */
export async function ensureCognitoUser(
  target: SeedTarget,
  email: string,
  group: Role,
  password: string | undefined,
): Promise<string> {
  let sub: string | undefined;
  try {
    const existing = await target.cognito.send(
      new AdminGetUserCommand({ UserPoolId: target.userPoolId, Username: email }),
    );
    sub = existing.UserAttributes?.find((a) => a.Name === 'sub')?.Value;
  } catch (error) {
    if (!(error instanceof UserNotFoundException)) throw error;
    const created = await target.cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: target.userPoolId,
        Username: email,
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
        ],
        TemporaryPassword: `Tmp-${randomBytes(12).toString('base64url')}-1a`,
        MessageAction: 'SUPPRESS',
      }),
    );
    sub = created.User?.Attributes?.find((a) => a.Name === 'sub')?.Value;
    if (password) {
      await target.cognito.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: target.userPoolId,
          Username: email,
          Password: password,
          Permanent: true,
        }),
      );
    }
  }
  if (!sub) throw new Error(`No sub for ${email}`);
  await target.cognito.send(
    new AdminAddUserToGroupCommand({
      UserPoolId: target.userPoolId,
      Username: email,
      GroupName: group,
    }),
  );
  return sub;
}

/** Writes an item unless one with its key exists; a second seed leaves records as they are. */
async function putOnce(target: SeedTarget, item: Record<string, unknown>): Promise<void> {
  try {
    await target.documents.send(
      new PutCommand({
        TableName: target.appointmentsTable,
        Item: item,
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/** Seeds the demo clinic, its accounts, clients, contact and a few appointments. Idempotent. */
export async function seedDemoClinic(target: SeedTarget): Promise<Map<string, string>> {
  const stamp = target.now.toISOString();
  await putOnce(target, {
    ...keys.clinicSettings(),
    name: 'Demo Clinic',
    ...defaultClinicSettings,
    updatedAt: stamp,
  });
  const owners = demoAccounts.filter((a) => a.role === 'owner').length;
  await putOnce(target, { ...keys.ownerCount(), ownerCount: owners });
  const subs = new Map<string, string>();
  for (const account of demoAccounts) {
    const sub = await ensureCognitoUser(target, account.email, account.role, demoPassword);
    subs.set(account.email, sub);
    await putOnce(
      target,
      items.userProfile({
        sub,
        email: account.email,
        role: account.role,
        displayName: account.displayName,
        teletherapy: account.teletherapy ?? false,
        status: 'active',
        ...(account.clientId ? { clientId: account.clientId } : {}),
        ...(account.contactId ? { contactId: account.contactId } : {}),
        createdAt: stamp,
        updatedAt: stamp,
      }),
    );
  }
  const clientsToSeed = [
    {
      id: demoIds.clientPat,
      firstName: 'Pat',
      lastName: 'Rivera',
      dateOfBirth: '1986-04-12',
      email: 'pat@demo.test',
      phone: '+12025550143',
      portalSub: subs.get('pat@demo.test'),
    },
    {
      id: demoIds.clientAlex,
      firstName: 'Alex',
      lastName: 'Chen',
      dateOfBirth: '1979-09-30',
      email: 'alex.chen@example.com',
      phone: '+12025550171',
    },
    {
      id: demoIds.clientJamie,
      firstName: 'Jamie',
      lastName: 'Brooks',
      dateOfBirth: '1995-01-21',
      email: 'jamie.brooks@example.com',
    },
  ];
  for (const client of clientsToSeed) {
    await putOnce(
      target,
      items.client({
        ...client,
        displayName: `${client.firstName} ${client.lastName}`,
        status: 'active',
        createdAt: stamp,
        updatedAt: stamp,
      }),
    );
    // The same finder items the API writes with a client, so seeded clients are found by
    // email, phone and date of birth too.
    for (const finder of items.clientFinders({ ...client, status: 'active' })) {
      await putOnce(target, finder);
    }
  }
  await putOnce(
    target,
    items.contact({
      id: demoIds.contactSam,
      firstName: 'Sam',
      lastName: 'Rivera',
      displayName: 'Sam Rivera',
      relationship: 'family',
      email: 'sam@demo.test',
      phone: '+12025550165',
      clientIds: [demoIds.clientPat],
      accountSub: subs.get('sam@demo.test'),
      // Sam's account already has a password: no invitation needs to carry one.
      passwordSent: true,
      createdAt: stamp,
      updatedAt: stamp,
    }),
  );
  await putOnce(target, items.contactLink(demoIds.clientPat, demoIds.contactSam));
  const lee = subs.get('dr.lee@demo.test');
  if (lee)
    await putOnce(target, {
      ...keys.bookingSettings(lee),
      ...demoBookingSettings(defaultClinicSettings.timeZone),
      updatedAt: stamp,
    });
  await seedAppointments(target, subs);
  return subs;
}

/**
 * A few appointments for dr.lee on the seed day, in the clinic's time zone, booked through the
 * same domain function as the API (so the calendar index and video links are real). A second
 * seed finds each slot taken and books nothing.
 */
async function seedAppointments(target: SeedTarget, subs: Map<string, string>) {
  const lee = subs.get('dr.lee@demo.test');
  const owner = subs.get('owner@demo.test');
  if (!lee || !owner) return;
  const { schedulingDeps } = await import('../http/deps/scheduling');
  const actor: UserActor = {
    kind: 'user',
    sub: owner,
    role: 'owner',
    email: 'owner@demo.test',
    displayName: 'Olivia Owens',
    teletherapy: false,
  };
  const day = DateTime.fromJSDate(target.now, { zone: defaultClinicSettings.timeZone }).startOf(
    'day',
  );
  const slots = [
    { dayOffset: 0, hour: 9, minute: 0, clientId: demoIds.clientAlex, video: false },
    { dayOffset: 0, hour: 11, minute: 0, clientId: demoIds.clientPat, video: true },
    { dayOffset: 0, hour: 14, minute: 30, clientId: demoIds.clientJamie, video: true },
    { dayOffset: 1, hour: 10, minute: 0, clientId: demoIds.clientPat, video: true },
  ];
  for (const slot of slots) {
    const start = day.plus({ days: slot.dayOffset }).set({ hour: slot.hour, minute: slot.minute });
    try {
      await createAppointments(
        actor,
        {
          providerId: lee,
          clientId: slot.clientId,
          startsAt: start.toJSDate().toISOString(),
          endsAt: start.plus({ minutes: 50 }).toJSDate().toISOString(),
          video: slot.video,
          repeatWeeks: 1,
        },
        schedulingDeps,
      );
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'appointment.conflict')) throw error;
    }
  }
}
