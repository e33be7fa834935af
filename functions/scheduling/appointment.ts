/** An appointment on a provider's calendar. Times are ISO 8601 in UTC. */
export interface Appointment {
  id: string;
  providerId: string;
  clientId: string;
  startsAt: string;
  endsAt: string;
  status: 'scheduled' | 'cancelled' | 'completed';
  /** A video (teletherapy) session. */
  video: boolean;
  title?: string;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  version: number;
}

export interface ClientSummary {
  id: string;
  displayName: string;
}

/** Port: appointment storage as scheduling needs it. */
export interface AppointmentStore {
  listForProvider(providerId: string, fromIso: string, toIso: string): Promise<Appointment[]>;
}

/** Port: the client records scheduling shows beside appointments. */
export interface ClientDirectory {
  summaries(ids: readonly string[]): Promise<Map<string, ClientSummary>>;
}
