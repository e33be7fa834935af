import * as z from 'zod/mini';
import { id, instant, shortText } from '../shared/fields';
import { maxRepeatWeeks } from './calendar-rules';

export const VideoOptionInput = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('generated') }),
    z.strictObject({
      kind: z.literal('personal-room'),
      title: z.optional(shortText('The room title', 80).check(z.minLength(1))),
    }),
    z.strictObject({ kind: z.literal('room'), roomId: id }),
  ])
  .register(z.globalRegistry, {
    id: 'VideoOptionInput',
    description:
      "'generated': a one-off link for this appointment; 'personal-room': the client's personal room (made on demand); 'room': any existing room",
  });

const editable = {
  clientId: id,
  startsAt: instant,
  endsAt: instant,
  video: z.boolean(),
  videoOption: VideoOptionInput,
  reason: shortText('The reason', 200),
  notes: shortText('Notes', 2000),
  providerId: id,
};

export const AppointmentInput = z
  .strictObject({
    ...editable,
    providerId: z.optional(editable.providerId),
    video: z._default(editable.video, false),
    videoOption: z.optional(editable.videoOption),
    reason: z.optional(editable.reason),
    notes: z.optional(editable.notes),
    repeatWeeks: z
      ._default(
        z
          .number()
          .check(
            z.int('Whole weeks'),
            z.gte(1, 'At least 1'),
            z.lte(maxRepeatWeeks, `At most ${maxRepeatWeeks} weeks`),
          ),
        1,
      )
      .register(z.globalRegistry, {
        description: 'Book the same time weekly, this many weeks in all (1 = no repeat)',
      }),
  })
  .register(z.globalRegistry, { id: 'AppointmentInput' });

export const AppointmentPatch = z
  .partial(
    z.strictObject({
      ...editable,
      expectedVersion: z.number().check(z.int(), z.gte(1)).register(z.globalRegistry, {
        description: 'The version the editor saw; a different current version answers 409',
      }),
    }),
  )
  .register(z.globalRegistry, { id: 'AppointmentPatch' });

export type AppointmentInput = z.infer<typeof AppointmentInput>;
export type AppointmentPatch = z.infer<typeof AppointmentPatch>;
export type VideoOptionInput = z.infer<typeof VideoOptionInput>;
