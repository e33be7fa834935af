import type { z } from 'zod';
import type { InviteStaffInput, UserPatch, UserSchema } from '../../../../functions/accounts/users';
import type { BookedSchema, BookingInput } from '../../../../functions/booking/book';
import type { ProofSchema } from '../../../../functions/booking/email-proof';
import type { ManagedBookingSchema } from '../../../../functions/booking/manage';
import type { BookingPageSchema, SlotsSchema } from '../../../../functions/booking/page';
import type {
  BookingSettingsInput,
  BookingSettingsSchema,
} from '../../../../functions/booking/settings';
import type { MeSchema } from '../../../../functions/http/routes/accounts';
import type {
  deliveryStates,
  InviteeInput,
  InviteesSchema,
} from '../../../../functions/invitations/invitee';
import type { JoinLinkSchema } from '../../../../functions/invitations/join-links';
import type {
  AppointmentInput,
  AppointmentPatch,
  VideoOptionInput,
} from '../../../../functions/scheduling/appointment-input';
import type {
  AppointmentSchema,
  PortalAppointmentSchema,
} from '../../../../functions/scheduling/appointment-views';
import type { ClientSearchResultSchema } from '../../../../functions/scheduling/client-search';
import type {
  ClientInput,
  ClientPatch,
  ClientSchema,
} from '../../../../functions/scheduling/clients';
import type {
  ClinicSettingsPatch,
  ClinicSettingsSchema,
} from '../../../../functions/scheduling/clinic-settings';
import type {
  ContactInput,
  ContactPatch,
  ContactSchema,
  relationships,
} from '../../../../functions/scheduling/contacts';
import type { RoomSchema } from '../../../../functions/scheduling/rooms';
import type { ScheduleSchema } from '../../../../functions/scheduling/schedule';

/**
 * Response and request types, inferred from the same schemas the API validates and documents.
 * Requests use the schemas' input side (`z.input`): what the page sends, before the server's
 * defaults and normalisation.
 */
export type Me = z.infer<typeof MeSchema>;
export type Role = Me['role'];
export type Schedule = z.infer<typeof ScheduleSchema>;
export type ScheduleEntry = Schedule['appointments'][number];
export type Provider = Schedule['providers'][number];

export type Appointment = z.infer<typeof AppointmentSchema>;
export type AppointmentRequest = z.input<typeof AppointmentInput>;
export type AppointmentPatchRequest = z.input<typeof AppointmentPatch>;
export type VideoOptionRequest = z.input<typeof VideoOptionInput>;
export type PortalAppointment = z.infer<typeof PortalAppointmentSchema>;
export type JoinState = PortalAppointment['join'];

export type Client = z.infer<typeof ClientSchema>;
export type ClientRequest = z.input<typeof ClientInput>;
export type ClientPatchRequest = z.input<typeof ClientPatch>;
export type ClientSearchPage = z.infer<typeof ClientSearchResultSchema>;

export type Contact = z.infer<typeof ContactSchema>;
export type ContactRequest = z.input<typeof ContactInput>;
export type ContactPatchRequest = z.input<typeof ContactPatch>;
export type Relationship = (typeof relationships)[number];

export type Room = z.infer<typeof RoomSchema>;

export type User = z.infer<typeof UserSchema>;
export type InviteStaffRequest = z.input<typeof InviteStaffInput>;
export type UserPatchRequest = z.input<typeof UserPatch>;
export type StaffRole = InviteStaffRequest['role'];

export type ClinicSettings = z.infer<typeof ClinicSettingsSchema>;
export type ClinicSettingsPatchRequest = z.input<typeof ClinicSettingsPatch>;

export type Invitees = z.infer<typeof InviteesSchema>;
export type Invitee = Invitees['invitees'][number];
export type Delivery = NonNullable<Invitee['deliveries']['email']>;
export type DeliveryState = (typeof deliveryStates)[number];
export type InviteeRequest = z.input<typeof InviteeInput>;

/** What a join link shows a guest: the provider's name, the time, whether Join is open. */
export type JoinLink = z.infer<typeof JoinLinkSchema>;

export type BookingPage = z.infer<typeof BookingPageSchema>;
export type VisitTypeOffer = BookingPage['visitTypes'][number];
export type FreeSlots = z.infer<typeof SlotsSchema>;
export type FreeSlot = FreeSlots['slots'][number];
export type BookingProof = z.infer<typeof ProofSchema>;
export type BookingRequest = z.input<typeof BookingInput>;
export type Booked = z.infer<typeof BookedSchema>;
export type ManagedBooking = z.infer<typeof ManagedBookingSchema>;
export type BookingSettings = z.infer<typeof BookingSettingsSchema>;
export type BookingSettingsRequest = z.input<typeof BookingSettingsInput>;
