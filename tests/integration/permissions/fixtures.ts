import { apiAs, requestFrom } from '../../helpers/api';
import {
  book,
  codeSentTo,
  freshAddress,
  newEmail,
  proveEmail,
  slotAt,
} from '../../helpers/booking';
import { messagesTo } from '../../helpers/outbox';
import type { World } from './callers';

let counter = 0;

/** A guest the front desk just invited to the world's appointment, for one caller to remove. */
export async function freshGuest(world: World): Promise<string> {
  counter += 1;
  const address = `removable.${counter}.${Date.now()}@example.com`;
  const listed = await apiAs('frontdesk@demo.test').post(
    `/appointments/${world.appointment.id}/invitees`,
    { email: address },
  );
  return listed.body.invitees.find((i: { email?: string }) => i.email === address).inviteeId;
}

/** A new client with a portal sign-up link just emailed, for one caller to use. */
export async function freshSignupToken(_world: World): Promise<string> {
  counter += 1;
  const email = `signup.${counter}.${Date.now()}@example.com`;
  const frontDesk = apiAs('frontdesk@demo.test');
  const client = (
    await frontDesk.post('/clients', { firstName: 'Sign', lastName: `Up${counter}`, email })
  ).body;
  await frontDesk.post(`/clients/${client.id}/portal-invitation`);
  const text = (await messagesTo(email))[0]?.text ?? '';
  const token = /\/portal\/sign-up\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];
  if (!token) throw new Error('no sign-up link sent');
  return token;
}

/** A code just emailed to a fresh address for the world's bookable provider, for one caller. */
export async function freshCode(world: World): Promise<{ email: string; code: string }> {
  const email = newEmail();
  await requestFrom(freshAddress(), 'POST', `/book/${world.bookable}/codes`, { email });
  return { email, code: await codeSentTo(email) };
}

/** A booking just made on the world's bookable provider (day 20 on, an hour per caller): its manage token. */
export async function freshBooking(world: World, day: number, index: number): Promise<string> {
  const proof = await proveEmail(world.bookable, newEmail());
  const booked = await book(world.bookable, { startsAt: slotAt(day, index), proof });
  if (booked.status !== 201) throw new Error(`not booked: ${JSON.stringify(booked.body)}`);
  return String(booked.body.manageUrl).split('/book/manage/')[1] ?? '';
}

/** A new client's booking request on the world's asking provider (day 24 on): its appointment id. */
export async function freshRequest(world: World, index: number): Promise<string> {
  const proof = await proveEmail(world.asking, newEmail());
  const booked = await book(world.asking, { startsAt: slotAt(24 + (index % 5), index), proof });
  if (booked.body.status !== 'requested')
    throw new Error(`no request: ${JSON.stringify(booked.body)}`);
  return String(booked.body.appointmentId);
}
