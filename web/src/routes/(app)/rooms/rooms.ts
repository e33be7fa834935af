import { api } from '$lib/api/client';
import type { Room } from '$lib/api/types';

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
