import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { keys } from '../../../functions/adapters/dynamodb/tables';
import { apiAs } from '../../helpers/api';
import { createUser } from '../../helpers/auth';
import { localClients } from '../../helpers/aws';
import { stack } from '../../helpers/local-stack';
import { newClient } from '../../helpers/people';
import { bookLiveAppointment } from '../../helpers/visits';

const manager = () => apiAs('manager@demo.test');
const frontDesk = () => apiAs('frontdesk@demo.test');

async function roomItem(roomId: string) {
  const result = await localClients().documents.send(
    new GetCommand({ TableName: stack().tables.TABLE_APPOINTMENTS, Key: keys.room(roomId) }),
  );
  return result.Item;
}

describe('only providers with the teletherapy permission hold video visits', () => {
  it('a video appointment booked before the permission was turned off cannot be started', async () => {
    // Prepare: a provider with the permission, a video appointment in its launch window, then
    // the permission turned off.
    const provider = await createUser('provider', {
      teletherapy: true,
      displayName: 'Dr. Revoked',
    });
    const appointment = await bookLiveAppointment(provider.sub, await newClient('Revoked'));
    const off = await manager().patch(`/users/${provider.sub}`, { teletherapy: false });
    expect(off.status).toBe(200);
    const host = apiAs(provider);
    // Act
    const started = await host.post(`/appointments/${appointment.id}/visit/start`);
    const session = await host.get(`/visits/${appointment.id}/session`);
    // Assess: refused with the scheduling code, and no visit was opened.
    expect(started.status).toBe(403);
    expect(started.body.error.code).toBe('teletherapy.not_enabled');
    expect(session.status).toBe(404);
    expect((await frontDesk().get(`/visits/${appointment.id}`)).status).toBe(404);
  });

  it('a provider without the permission cannot open an ad-hoc room, and the room stays free', async () => {
    const room = (await frontDesk().post('/rooms', { title: 'Teletherapy check' })).body;
    const kim = apiAs('dr.kim@demo.test');
    // Act
    const started = await kim.post(`/rooms/${room.id}/visit/start`);
    // Assess: refused, nothing written, and a provider with the permission can still open it.
    expect(started.status).toBe(403);
    expect(started.body.error.code).toBe('teletherapy.not_enabled');
    expect((await roomItem(room.id))?.activeVisitId).toBeUndefined();
    const lee = await apiAs('dr.lee@demo.test').post(`/rooms/${room.id}/visit/start`);
    expect(lee.status).toBe(200);
    expect(lee.body.participants).toHaveLength(1);
  });
});
