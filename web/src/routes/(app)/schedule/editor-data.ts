import { ApiError, api } from '$lib/api/client';
import type {
  Appointment,
  AppointmentPatchRequest,
  AppointmentRequest,
  Client,
  Room,
} from '$lib/api/types';

export async function loadRooms(): Promise<Room[]> {
  return (await api<{ rooms: Room[] }>('/rooms')).rooms;
}

export function loadClient(id: string): Promise<Client> {
  return api<Client>(`/clients/${encodeURIComponent(id)}`);
}

/** An appointment with its client (for the personal room) and the rooms one may pick. */
export async function loadAppointment(
  id: string,
): Promise<{ appointment: Appointment; client: Client | null; rooms: Room[] }> {
  const appointment = await api<Appointment>(`/appointments/${encodeURIComponent(id)}`);
  const [client, rooms] = await Promise.all([
    // An archived or removed client still leaves the appointment readable.
    loadClient(appointment.clientId).catch(() => null),
    loadRooms(),
  ]);
  return { appointment, client, rooms };
}

export async function createAppointments(body: AppointmentRequest): Promise<Appointment[]> {
  const { appointments } = await api<{ appointments: Appointment[] }>('/appointments', {
    method: 'POST',
    body: JSON.stringify(body),
  });
  return appointments;
}

export function updateAppointment(id: string, body: AppointmentPatchRequest): Promise<Appointment> {
  return api<Appointment>(`/appointments/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: JSON.stringify(body),
  });
}

export function cancelAppointment(id: string): Promise<Appointment> {
  return api<Appointment>(`/appointments/${encodeURIComponent(id)}/cancel`, { method: 'POST' });
}

/** A new client's online booking request: approved (they get their link) or declined (freed). */
export function answerRequest(id: string, answer: 'approve' | 'decline'): Promise<Appointment> {
  return api<Appointment>(`/appointments/${encodeURIComponent(id)}/${answer}`, { method: 'POST' });
}

/** The API's reasons an editor has to tell apart: someone else's edit, a clash, no video. */
export function failureKind(error: unknown): 'changed' | 'conflict' | 'teletherapy' | 'other' {
  if (!(error instanceof ApiError)) return 'other';
  if (error.code === 'appointment.changed') return 'changed';
  if (error.code === 'appointment.conflict') return 'conflict';
  if (error.code === 'teletherapy.not_enabled') return 'teletherapy';
  return 'other';
}
