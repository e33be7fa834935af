import { z } from '@hono/zod-openapi';
import { staffRoles } from '../../identity/actor';
import { userRoute } from '../route';
import { Id, IsoDateTime } from '../schemas';

export const ScheduleEntrySchema = z
  .object({
    id: z.string(),
    providerId: z.string(),
    clientId: z.string(),
    clientName: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    status: z.enum(['scheduled', 'cancelled', 'completed']),
    video: z.boolean(),
    title: z.string().optional(),
  })
  .openapi('ScheduleEntry');

export const ScheduleSchema = z
  .object({
    providerId: z.string(),
    from: z.string(),
    to: z.string(),
    appointments: z.array(ScheduleEntrySchema),
  })
  .openapi('Schedule');

export const schedulingRoutes = {
  schedule: userRoute(staffRoles, {
    method: 'get',
    path: '/api/schedule',
    tags: ['scheduling'],
    summary: "A provider's appointments in a time range (default: the signed-in provider)",
    request: {
      query: z.object({ from: IsoDateTime, to: IsoDateTime, providerId: Id.optional() }),
    },
    responses: {
      200: {
        description: 'The schedule',
        content: { 'application/json': { schema: ScheduleSchema } },
      },
    },
  }),
};
