import type {
  Appointment,
  AppointmentPatchRequest,
  AppointmentRequest,
  Client,
  Provider,
  VideoOptionRequest,
} from '$lib/api/types';
import { fromInputs, toDateInput, toTimeInput } from '$lib/time/local-inputs';
import type { Slot } from './slots';

/** The three ways a video session gets its link (seed 003: generated, personal room, a room). */
export type VideoChoice = 'generated' | 'personal-room' | 'room';

/** What the appointment editor's inputs hold; times are local wall-clock as typed. */
export interface EditorValues {
  clientId: string;
  providerId: string;
  date: string;
  startTime: string;
  endTime: string;
  repeat: boolean;
  repeatWeeks: number;
  reason: string;
  notes: string;
  video: boolean;
  videoChoice: VideoChoice;
  personalRoomTitle: string;
  roomId: string;
}

const blank = {
  clientId: '',
  repeat: false,
  repeatWeeks: 4,
  reason: '',
  notes: '',
  video: false,
  videoChoice: 'generated' as VideoChoice,
  personalRoomTitle: '',
  roomId: '',
};

export function valuesForSlot(slot: Slot, providerId: string): EditorValues {
  return {
    ...blank,
    providerId,
    date: toDateInput(slot.start),
    startTime: toTimeInput(slot.start),
    endTime: toTimeInput(slot.end),
  };
}

/** The editor's values for a saved appointment; a room that is the client's own reads as such. */
export function valuesFromAppointment(a: Appointment, client: Client | null): EditorValues {
  const start = new Date(a.startsAt);
  const roomId = a.videoOption?.kind === 'room' ? (a.videoOption.roomId ?? '') : '';
  const personal = roomId !== '' && roomId === client?.personalRoomId;
  return {
    ...blank,
    clientId: a.clientId,
    providerId: a.providerId,
    date: toDateInput(start),
    startTime: toTimeInput(start),
    endTime: toTimeInput(new Date(a.endsAt)),
    reason: a.reason ?? '',
    notes: a.notes ?? '',
    video: a.video,
    videoChoice: personal ? 'personal-room' : roomId ? 'room' : 'generated',
    roomId: personal ? '' : roomId,
  };
}

/** Why a provider cannot hold a video session, in the words the API would use; null if they can. */
export function teletherapyRefusal(provider: Provider | undefined): string | null {
  if (!provider || provider.teletherapy) return null;
  return `${provider.displayName} does not have the teletherapy permission, so this cannot be a video session. An owner or manager can turn it on in Staff.`;
}

type Built<T> = { ok: true; body: T } | { ok: false; fields: Record<string, string> };

/** Start and end as instants, both on the chosen day (an end before the start is the API's to refuse). */
function instants(v: EditorValues): Built<{ startsAt: string; endsAt: string }> {
  const start = fromInputs(v.date, v.startTime);
  const end = fromInputs(v.date, v.endTime);
  const fields: Record<string, string> = {};
  if (!start) fields.startsAt = 'Enter the date and start time';
  if (!end) fields.endsAt = 'Enter the end time';
  if (!start || !end) return { ok: false, fields };
  return { ok: true, body: { startsAt: start.toISOString(), endsAt: end.toISOString() } };
}

export function videoOptionOf(v: EditorValues, client: Client | null): VideoOptionRequest {
  if (v.videoChoice === 'room') return { kind: 'room', roomId: v.roomId };
  if (v.videoChoice === 'personal-room') {
    const title = v.personalRoomTitle.trim();
    // The title names a room being made; an existing personal room keeps its own.
    return client?.personalRoomId || !title
      ? { kind: 'personal-room' }
      : { kind: 'personal-room', title };
  }
  return { kind: 'generated' };
}

/** Only what a person filled in: the API owns every other rule and answers per field. */
export function createRequest(
  v: EditorValues,
  client: Client | null,
  choosesProvider: boolean,
): Built<AppointmentRequest> {
  if (!v.clientId) return { ok: false, fields: { clientId: 'Choose the client' } };
  const times = instants(v);
  if (!times.ok) return times;
  const body: AppointmentRequest = {
    clientId: v.clientId,
    ...times.body,
    video: v.video,
    repeatWeeks: v.repeat ? v.repeatWeeks : 1,
  };
  if (choosesProvider) body.providerId = v.providerId;
  if (v.video) body.videoOption = videoOptionOf(v, client);
  if (v.reason.trim()) body.reason = v.reason.trim();
  if (v.notes.trim()) body.notes = v.notes.trim();
  return { ok: true, body };
}

/**
 * The changes since the appointment was loaded, with the version the editor saw, so a change
 * made meanwhile by someone else is refused rather than overwritten.
 */
export function patchRequest(
  v: EditorValues,
  loaded: EditorValues,
  version: number,
  client: Client | null,
): Built<AppointmentPatchRequest> {
  const body: AppointmentPatchRequest = { expectedVersion: version };
  if (v.clientId !== loaded.clientId) body.clientId = v.clientId;
  if (v.providerId !== loaded.providerId) body.providerId = v.providerId;
  if (v.date !== loaded.date || v.startTime !== loaded.startTime || v.endTime !== loaded.endTime) {
    const times = instants(v);
    if (!times.ok) return times;
    Object.assign(body, times.body);
  }
  if (v.reason !== loaded.reason) body.reason = v.reason.trim();
  if (v.notes !== loaded.notes) body.notes = v.notes.trim();
  if (v.video !== loaded.video) body.video = v.video;
  const optionChanged =
    v.videoChoice !== loaded.videoChoice ||
    v.roomId !== loaded.roomId ||
    (v.videoChoice === 'personal-room' && v.clientId !== loaded.clientId);
  if (v.video && (v.video !== loaded.video || optionChanged))
    body.videoOption = videoOptionOf(v, client);
  return { ok: true, body };
}

/** True when nothing but the version would be sent. */
export const isEmptyPatch = (patch: AppointmentPatchRequest): boolean =>
  Object.keys(patch).every((k) => k === 'expectedVersion');
