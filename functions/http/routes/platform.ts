import * as z from 'zod/mini';
import { publicRoute } from '../route';
import { routeLimits } from '../route-limits';

const Component = z.enum(['ok', 'down']);

export const HealthSchema = z
  .object({
    status: z.enum(['ok', 'down']),
    components: z.object({
      dynamodb: Component,
      cognito: Component,
      email: Component,
      sms: Component,
      meetings: Component,
    }),
  })
  .register(z.globalRegistry, { id: 'Health' });

export const platformRoutes = {
  health: publicRoute(routeLimits.platform, {
    method: 'get',
    path: '/api/health',
    tags: ['platform'],
    summary: 'Whether every service the system depends on answers',
    responses: {
      200: {
        description: 'Every component is ok',
        content: { 'application/json': { schema: HealthSchema } },
      },
      503: {
        description: 'At least one component is down',
        content: { 'application/json': { schema: HealthSchema } },
      },
    },
  }),
  openapi: publicRoute(routeLimits.platform, {
    method: 'get',
    path: '/api/openapi.json',
    tags: ['platform'],
    summary: 'This document: every HTTP route of the API',
    responses: {
      200: {
        description: 'OpenAPI 3.1 document',
        content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
      },
    },
  }),
};
