import * as z from 'zod/mini';
import type { Appointment } from './appointment';
import { AppointmentStatus } from './appointment';
import { JoinStateSchema } from './join-state-schema';

export const VisitSummarySchema = z.object({
  status: z.enum(['open', 'ended']),
  startedAt: z.optional(z.string()),
});

/** Whether an appointment's visit was opened, and how it stands: what its editor shows. */
export type VisitSummary = z.infer<typeof VisitSummarySchema>;

export const AppointmentSchema = z
  .object({
    id: z.string(),
    providerId: z.string(),
    providerName: z.string(),
    clientId: z.string(),
    clientName: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    status: AppointmentStatus,
    video: z.boolean(),
    videoOption: z.optional(
      z.object({
        kind: z.enum(['generated', 'room']),
        roomId: z.optional(z.string()),
        roomTitle: z.optional(z.string()),
      }),
    ),
    videoLink: z
      .optional(z.string())
      .register(z.globalRegistry, { description: "The client's join link for a video session" }),
    reason: z.optional(z.string()),
    notes: z.optional(z.string()),
    seriesId: z.optional(z.string()),
    /** Booked by the client on the provider's public page. */
    bookedOnline: z.optional(z.boolean()),
    /** The visit type an online booking was made as. */
    visitType: z.optional(z.object({ id: z.string(), name: z.string() })),
    /** The zone an online booking's client read the times in (their messages use it). */
    bookerTimeZone: z.optional(z.string()),
    /** A booking request waiting for the provider's approval (the slot is held). */
    pendingApproval: z.optional(z.boolean()),
    declined: z.optional(z.boolean()),
    visit: z.optional(VisitSummarySchema).register(z.globalRegistry, {
      description: 'Its video visit, once someone opened it; GET /api/visits/{id} has the details',
    }),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'Appointment' });

export type AppointmentView = z.infer<typeof AppointmentSchema>;

export interface ViewContext {
  clientName: string;
  providerName: string;
  roomTitle?: string;
  videoLink?: string;
  visit?: VisitSummary;
}

export function presentAppointment(a: Appointment, context: ViewContext): AppointmentView {
  const { linkId: _linkId, createdBy: _createdBy, videoOption: stored, ...rest } = a;
  // Link ids stay inside: a view shows the link itself (videoLink), made from the id.
  const videoOption =
    stored?.kind === 'room' ? { kind: 'room' as const, roomId: stored.roomId } : stored;
  return {
    ...rest,
    clientName: context.clientName,
    providerName: context.providerName,
    ...(videoOption
      ? {
          videoOption: {
            ...videoOption,
            ...(context.roomTitle ? { roomTitle: context.roomTitle } : {}),
          },
        }
      : {}),
    ...(context.videoLink ? { videoLink: context.videoLink } : {}),
    ...(context.visit ? { visit: context.visit } : {}),
  };
}

/** What a client (or a contact) sees of an appointment in the portal: no notes, no reason. */
export const PortalAppointmentSchema = z
  .object({
    id: z.string(),
    providerName: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    status: AppointmentStatus,
    video: z.boolean(),
    join: JoinStateSchema,
  })
  .register(z.globalRegistry, { id: 'PortalAppointment' });

export type PortalAppointmentView = z.infer<typeof PortalAppointmentSchema>;
