import { z } from '@hono/zod-openapi';
import { allRoles } from '../../identity/actor';
import { userRoute } from '../route';

export const MeSchema = z
  .object({
    sub: z.string(),
    email: z.string(),
    role: z.enum(allRoles),
    displayName: z.string(),
    teletherapy: z.boolean(),
    clientId: z.string().optional(),
    contactId: z.string().optional(),
  })
  .openapi('Me');

export const accountsRoutes = {
  me: userRoute(allRoles, {
    method: 'get',
    path: '/api/me',
    tags: ['accounts'],
    summary: 'The signed-in person: role and permissions as the clinic records them now',
    responses: {
      200: {
        description: 'The signed-in person',
        content: { 'application/json': { schema: MeSchema } },
      },
    },
  }),
};
