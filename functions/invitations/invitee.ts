import * as z from 'zod/mini';
import { phone } from '../shared/contact-fields';
import { email, id } from '../shared/fields';

export const deliveryStates = ['not-sent', 'queued', 'sent', 'failed'] as const;
export type DeliveryState = (typeof deliveryStates)[number];
export type Channel = 'email' | 'sms';

export { maxInvitees } from './invitee-limit';

/** One channel's delivery to one invitee: recorded before each attempt, finished after it. */
export interface Delivery {
  state: DeliveryState;
  attempts: number;
  /** Which attempt holds the claim while queued; a finished attempt only writes its own result. */
  attemptId?: string;
  claimedAt?: string;
  sentAt?: string;
  failedAt?: string;
  reason?: string;
  /**
   * The time (and cancellation) the last message that went out on this channel told them: a
   * change of the appointment is sent to each channel that told something else (notices.ts).
   */
  told?: { startsAt: string; endsAt: string; cancelled?: boolean };
}

/** Someone invited to one appointment: the client, one of the client's contacts, or a guest. */
export interface Invitee {
  inviteeId: string;
  appointmentId: string;
  kind: 'client' | 'contact' | 'guest';
  contactId?: string;
  /** A display name for the invitation list; guests by address have none. */
  name?: string;
  email?: string;
  phone?: string;
  /** Their own link; the client's is the appointment's (generated or room) link instead. */
  linkId?: string;
  /**
   * A contact whose account's temporary password had already gone out when they were invited:
   * Send Now need not look at the contact again (an older invitee without it reads the contact).
   */
  contactAccountReady?: boolean;
  /** Which derivation of their PIN is theirs (pins.ts); the digits are never stored. */
  pinDraw: number;
  /** The keyed hash of their PIN, the key a caller's digits are looked up by. */
  pinHash: string;
  revokedAt?: string;
  deliveries: Partial<Record<Channel, Delivery>>;
  /** Who added them (a client may remove only the guests they added). */
  addedBy: string;
  createdAt: string;
  /** Epoch seconds: the appointment's end plus grace, like the link. */
  expiresAt: number;
  /** The appointment's start, copied so a contact's sessions sort without reading them all. */
  startsAt: string;
}

export const InviteeInput = z
  .strictObject({ contactId: z.optional(id), email: z.optional(email), phone: z.optional(phone) })
  // Exactly one way to reach the person: one object (not a union) keeps each field's message.
  .check(
    z.refine((v) => [v.contactId, v.email, v.phone].filter((x) => x !== undefined).length === 1, {
      message: 'Give exactly one of: a contact, an email address, or a phone number',
      path: ['email'],
    }),
  )
  .register(z.globalRegistry, {
    id: 'InviteeInput',
    description:
      'An existing contact of the client, or "+ Other guest" by email address or by phone number',
  });
export type InviteeInput = z.infer<typeof InviteeInput>;

const DeliverySchema = z.object({
  state: z.enum(deliveryStates),
  attempts: z.number(),
  sentAt: z.optional(z.string()),
  reason: z.optional(z.string()),
});

export const InviteeSchema = z
  .object({
    inviteeId: z.string(),
    kind: z.enum(['client', 'contact', 'guest']),
    contactId: z.optional(z.string()),
    name: z.optional(z.string()),
    email: z.optional(z.string()),
    phone: z.optional(z.string()),
    pin: z.string().register(z.globalRegistry, { description: 'The personal dial-in PIN' }),
    link: z.string().register(z.globalRegistry, { description: "The invitee's own join link" }),
    deliveries: z.object({ email: z.optional(DeliverySchema), sms: z.optional(DeliverySchema) }),
    removable: z.boolean().register(z.globalRegistry, {
      description: 'Whether the caller may withdraw this invitation (whatever the settings)',
    }),
    createdAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'Invitee' });

export const InviteesSchema = z
  .object({
    dialInNumber: z.optional(z.string()),
    canInvite: z.boolean().register(z.globalRegistry, {
      description:
        'Whether the caller may invite more people now: guest invitations on (for a client, clients allowed to invite) and a scheduled video session',
    }),
    maxInvitees: z.number().register(z.globalRegistry, {
      description: 'The most people an appointment can have invited beside the client',
    }),
    invitees: z.array(InviteeSchema),
  })
  .register(z.globalRegistry, { id: 'Invitees' });
