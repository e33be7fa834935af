import {
  dynamoAppointmentStore,
  dynamoClientDirectory,
} from '../../adapters/dynamodb/appointment-store';
import { listSchedule } from '../../scheduling/schedule';
import { requireUser } from '../actor';
import { createApp } from '../app';
import { schedulingRoutes } from '../routes/scheduling';

const ports = { appointments: dynamoAppointmentStore, clients: dynamoClientDirectory };

export const schedulingApp = createApp().openapi(schedulingRoutes.schedule, async (c) => {
  const schedule = await listSchedule(requireUser(c.get('actor')), c.req.valid('query'), ports);
  return c.json(schedule, 200);
});
