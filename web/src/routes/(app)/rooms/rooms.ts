import { api } from '$lib/api/client';
import type { Room } from '$lib/api/types';
import type { HostVisit } from '$lib/visit/types';
import { hostApi } from '$lib/visit/visit-api';

/** Newest first: the room someone just made is the one they are about to share. */
export async function listRooms(): Promise<Room[]> {
  const { rooms } = await api<{ rooms: Room[] }>('/rooms');
  return rooms.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export function createRoom(title: string): Promise<Room> {
  return api<Room>('/rooms', { method: 'POST', body: JSON.stringify({ title }) });
}

export function renameRoom(id: string, title: string): Promise<Room> {
  return api<Room>(`/rooms/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: JSON.stringify({ title }),
  });
}

/** The open visits of rooms (their waiting rooms), by room id. */
export async function roomVisits(): Promise<Map<string, HostVisit>> {
  const visits = await hostApi.list();
  return new Map(visits.flatMap((v) => (v.roomId && v.status === 'open' ? [[v.roomId, v]] : [])));
}

/** Opens (or rejoins) the room's visit; the provider then goes to it. */
export function startRoomVisit(roomId: string): Promise<HostVisit> {
  return api<HostVisit>(`/rooms/${encodeURIComponent(roomId)}/visit/start`, { method: 'POST' });
}
