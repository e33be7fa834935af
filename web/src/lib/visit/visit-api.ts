import { ApiError, api } from '../api/client';
import { absolute, loadConfig } from '../config';
import { unreachable } from '../public/public-api';
import type { HostVisit, JoinInfo, Knocked, ParticipantVisit } from './types';

const visitPath = (visitId: string) => `/visits/${encodeURIComponent(visitId)}`;
const failedQuery = (failed?: string) => (failed ? `?failed=${encodeURIComponent(failed)}` : '');
const post = (body?: unknown): RequestInit => ({
  method: 'POST',
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

/**
 * A participant's own calls, with the token their knock returned. Guests have no session, so
 * these use `fetch` directly, never the staff client and its sign-in.
 */
async function asParticipant<T>(path: string, token: string, method = 'GET'): Promise<T> {
  let response: Response;
  try {
    const config = await loadConfig();
    response = await fetch(absolute(`${config.apiUrl}${path}`), {
      method,
      headers: { 'x-participant-token': token },
    });
  } catch {
    throw new ApiError(0, 'network', unreachable);
  }
  const body = (await response.json().catch(() => ({}))) as {
    error?: { code?: string; message?: string };
  };
  if (response.ok) return body as T;
  throw new ApiError(
    response.status,
    body.error?.code ?? 'unknown',
    body.error?.message ?? `The server answered ${response.status}. Please try again.`,
  );
}

export const participantApi = {
  me: (visitId: string, token: string) =>
    asParticipant<ParticipantVisit>(`${visitPath(visitId)}/me`, token),
  /** `failed`: the meeting of join information that would not join (see the API). */
  session: (visitId: string, token: string, failed?: string) =>
    asParticipant<JoinInfo>(`${visitPath(visitId)}/me/session${failedQuery(failed)}`, token),
  leave: (visitId: string, token: string) =>
    asParticipant<ParticipantVisit>(`${visitPath(visitId)}/me/leave`, token, 'POST'),
};

/** The portal's Join: a signed-in client or contact knocks on their appointment's visit. */
export const portalKnock = (appointmentId: string) =>
  api<Knocked>(`/appointments/${encodeURIComponent(appointmentId)}/visit/knock`, post());

/** The provider and the clinic's staff. */
export const hostApi = {
  start: (appointmentId: string) =>
    api<HostVisit>(`/appointments/${encodeURIComponent(appointmentId)}/visit/start`, post()),
  list: async () => (await api<{ visits: HostVisit[] }>('/visits')).visits,
  get: (visitId: string) => api<HostVisit>(visitPath(visitId)),
  session: (visitId: string, failed?: string) =>
    api<JoinInfo>(`${visitPath(visitId)}/session${failedQuery(failed)}`),
  admit: (visitId: string, participantIds: string[]) =>
    api<HostVisit>(`${visitPath(visitId)}/admit`, post({ participantIds })),
  deny: (visitId: string, participantId: string) =>
    api<HostVisit>(`${visitPath(visitId)}/deny`, post({ participantId })),
  remove: (visitId: string, participantId: string) =>
    api<HostVisit>(`${visitPath(visitId)}/remove`, post({ participantId })),
  end: (visitId: string) => api<HostVisit>(`${visitPath(visitId)}/end`, post()),
  callPhone: (visitId: string, number: string, name?: string) =>
    api<{ participantId: string; status: 'ringing' }>(
      `${visitPath(visitId)}/phone-calls`,
      post({ number, ...(name ? { name } : {}) }),
    ),
  phoneMute: (visitId: string, participantId: string, muted: boolean) =>
    api<{ participantId: string; muted: boolean }>(
      `${visitPath(visitId)}/phone-mute`,
      post({ participantId, muted }),
    ),
};

/**
 * The provider's way back in: their join information, starting (again) when the visit does
 * not exist yet or they had dropped out. Starting twice is harmless, so a provider who lost
 * their connection is never locked out of their own visit.
 */
export async function hostJoin(visitId: string, failed?: string): Promise<JoinInfo> {
  try {
    return await hostApi.session(visitId, failed);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'visit.not_found') throw error;
    await hostApi.start(visitId);
    return hostApi.session(visitId);
  }
}
