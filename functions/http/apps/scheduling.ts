import { updateAppointment } from '../../scheduling/appointment-edit';
import { getAppointmentView, viewAppointment } from '../../scheduling/appointment-service';
import { cancelAppointment, createAppointments } from '../../scheduling/booking';
import { portalAppointments } from '../../scheduling/portal';
import {
  clientContacts,
  createClient,
  createContact,
  getClient,
  getContact,
  linkContact,
  searchClients,
  unlinkContact,
  updateClient,
  updateContact,
} from '../../scheduling/records';
import { approveRequest, declineRequest } from '../../scheduling/requests';
import {
  createRoom,
  getRoom,
  listRooms,
  personalRoom,
  renameRoom,
} from '../../scheduling/room-service';
import { listSchedule } from '../../scheduling/schedule';
import { requireUser } from '../actor';
import { createApp } from '../app';
import { schedulingDeps as deps } from '../deps/scheduling';
import { schedulingRoutes as routes } from '../routes/scheduling';

const scheduleDeps = {
  appointments: deps.appointments,
  clients: deps.clientNames,
  users: deps.users,
};

/** Lambda app of the scheduling context: calendars, appointments, clients, contacts, rooms, portal. */
export const schedulingApp = createApp()
  .serve(routes.schedule, async (c) =>
    c.json(
      await listSchedule(requireUser(c.get('actor')), c.req.valid('query'), scheduleDeps),
      200,
    ),
  )
  .serve(routes.createAppointment, async (c) => {
    const { appointments, client, provider } = await createAppointments(
      requireUser(c.get('actor')),
      c.req.valid('json'),
      deps,
    );
    const known = { client, provider, new: true };
    return c.json(
      { appointments: await Promise.all(appointments.map((a) => viewAppointment(a, deps, known))) },
      201,
    );
  })
  .serve(routes.getAppointment, async (c) =>
    c.json(
      await getAppointmentView(requireUser(c.get('actor')), c.req.valid('param').id, deps),
      200,
    ),
  )
  .serve(routes.updateAppointment, async (c) => {
    const updated = await updateAppointment(
      requireUser(c.get('actor')),
      c.req.valid('param').id,
      c.req.valid('json'),
      deps,
    );
    return c.json(await viewAppointment(updated, deps), 200);
  })
  .serve(routes.cancelAppointment, async (c) => {
    const cancelled = await cancelAppointment(
      requireUser(c.get('actor')),
      c.req.valid('param').id,
      deps,
    );
    return c.json(await viewAppointment(cancelled, deps), 200);
  })
  .serve(routes.approveRequest, async (c) => {
    const approved = await approveRequest(
      requireUser(c.get('actor')),
      c.req.valid('param').id,
      deps,
    );
    return c.json(await viewAppointment(approved, deps), 200);
  })
  .serve(routes.declineRequest, async (c) => {
    const declined = await declineRequest(
      requireUser(c.get('actor')),
      c.req.valid('param').id,
      deps,
    );
    return c.json(await viewAppointment(declined, deps), 200);
  })
  .serve(routes.searchClients, async (c) =>
    c.json(await searchClients(c.req.valid('json'), deps), 200),
  )
  .serve(routes.createClient, async (c) =>
    c.json(await createClient(c.req.valid('json'), deps), 201),
  )
  .serve(routes.getClient, async (c) => c.json(await getClient(c.req.valid('param').id, deps), 200))
  .serve(routes.updateClient, async (c) =>
    c.json(await updateClient(c.req.valid('param').id, c.req.valid('json'), deps), 200),
  )
  .serve(routes.clientContacts, async (c) =>
    c.json(await clientContacts(c.req.valid('param').id, deps), 200),
  )
  .serve(routes.personalRoom, async (c) =>
    c.json(
      await personalRoom(
        requireUser(c.get('actor')),
        c.req.valid('param').id,
        c.req.valid('json'),
        deps,
      ),
      200,
    ),
  )
  .serve(routes.createContact, async (c) =>
    c.json(await createContact(requireUser(c.get('actor')), c.req.valid('json'), deps), 201),
  )
  .serve(routes.getContact, async (c) =>
    c.json(await getContact(c.req.valid('param').id, deps), 200),
  )
  .serve(routes.updateContact, async (c) =>
    c.json(await updateContact(c.req.valid('param').id, c.req.valid('json'), deps), 200),
  )
  .serve(routes.linkContact, async (c) => {
    const { id, clientId } = c.req.valid('param');
    return c.json(await linkContact(id, clientId, deps), 200);
  })
  .serve(routes.unlinkContact, async (c) => {
    const { id, clientId } = c.req.valid('param');
    return c.json(await unlinkContact(id, clientId, deps), 200);
  })
  .serve(routes.listRooms, async (c) => c.json(await listRooms(deps), 200))
  .serve(routes.createRoom, async (c) =>
    c.json(await createRoom(requireUser(c.get('actor')), c.req.valid('json'), deps), 201),
  )
  .serve(routes.getRoom, async (c) => c.json(await getRoom(c.req.valid('param').id, deps), 200))
  .serve(routes.updateRoom, async (c) =>
    c.json(await renameRoom(c.req.valid('param').id, c.req.valid('json'), deps), 200),
  )
  .serve(routes.portalAppointments, async (c) =>
    c.json(await portalAppointments(requireUser(c.get('actor')), deps), 200),
  );
