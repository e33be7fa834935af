import { z } from 'zod';
import { id, instant, shortText } from '../shared/fields';
import { maxRepeatWeeks } from './calendar-rules';

export const VideoOptionInput = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('generated') }).strict(),
    z
      .object({
        kind: z.literal('personal-room'),
        title: shortText('The room title', 80).min(1).optional(),
      })
      .strict(),
    z.object({ kind: z.literal('room'), roomId: id }).strict(),
  ])
  .meta({
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
  .object({
    ...editable,
    providerId: editable.providerId.optional(),
    video: editable.video.default(false),
    videoOption: editable.videoOption.optional(),
    reason: editable.reason.optional(),
    notes: editable.notes.optional(),
    repeatWeeks: z
      .number()
      .int('Whole weeks')
      .min(1, 'At least 1')
      .max(maxRepeatWeeks, `At most ${maxRepeatWeeks} weeks`)
      .default(1)
      .meta({ description: 'Book the same time weekly, this many weeks in all (1 = no repeat)' }),
  })
  .strict()
  .meta({ id: 'AppointmentInput' });

export const AppointmentPatch = z
  .object({
    ...editable,
    expectedVersion: z
      .number()
      .int()
      .min(1)
      .meta({ description: 'The version the editor saw; a different current version answers 409' }),
  })
  .partial()
  .strict()
  .meta({ id: 'AppointmentPatch' });

export type AppointmentInput = z.infer<typeof AppointmentInput>;
export type AppointmentPatch = z.infer<typeof AppointmentPatch>;
export type VideoOptionInput = z.infer<typeof VideoOptionInput>;
