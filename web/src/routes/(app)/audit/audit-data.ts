import { ApiError, api } from '$lib/api/client';
import { session } from '$lib/auth/session.svelte';
import { absolute, loadConfig } from '$lib/config';
import { kindNames, viaNames } from '$lib/visit/presence';
import type { AuditEntry } from '$lib/visit/types';

export interface AuditQuery {
  from: string;
  to: string;
  visitId?: string;
}

const eventNames: Record<string, string> = {
  'visit.started': 'Visit started',
  'visit.ended': 'Visit ended',
  'participant.knocked': 'Knocked',
  'participant.admitted': 'Let in',
  'participant.full': 'Kept waiting (visit full)',
  'participant.denied': 'Denied',
  'participant.removed': 'Removed',
  'participant.left': 'Left',
  'participant.joined': 'Joined the call',
  'participant.left_call': 'Left the call',
  'invitation.added': 'Invited',
  'invitation.sent': 'Invitation sent',
  'invitation.failed': 'Invitation failed',
  'invitation.withdrawn': 'Invitation withdrawn',
  'invitation.updated': 'New time sent',
  'invitation.cancelled': 'Cancellation sent',
  'user.invited': 'Invited to the clinic',
  'user.role_changed': 'Role changed',
  'user.teletherapy_changed': 'Video visits permission changed',
  'user.status_changed': 'Account enabled or disabled',
  'user.password_reset': 'New temporary password',
  'settings.changed': 'Clinic settings changed',
  'phone.pin_failed': 'Phone PIN not accepted',
  'phone.locked': 'Phone number turned away for an hour',
};

export const eventName = (type: string): string => eventNames[type] ?? type;

const queryString = (q: AuditQuery) =>
  new URLSearchParams({ from: q.from, to: q.to, ...(q.visitId ? { visitId: q.visitId } : {}) });

export async function loadAudit(query: AuditQuery): Promise<AuditEntry[]> {
  return (await api<{ entries: AuditEntry[] }>(`/audit?${queryString(query)}`)).entries;
}

const services: Record<string, string> = {
  system: 'Televisit',
  chime: 'Video service',
  phone: 'Phone caller',
};

/**
 * Whom an entry concerns, by the name the API resolved for this reader (the trail itself holds
 * ids only); never a bare id on the page.
 */
export function subjectName(entry: AuditEntry): string {
  if (!entry.subject) return '';
  return entry.subjectName ?? 'Not on record';
}

/**
 * Who did it: staff by name; the video service; and someone knocking from a link (recorded by
 * how they came: `client`, `invitee:<id>`, `contact:<id>`, `guest:<id>`) as the person concerned.
 */
export function actorName(entry: AuditEntry): string {
  const actor = entry.actor;
  const service = services[actor];
  if (service) return service;
  if (actor === 'client' || /^(invitee|contact|guest):/.test(actor))
    return entry.subjectName ? `${entry.subjectName} (by link)` : 'Someone with a link';
  return entry.actorName ?? 'Not on record';
}

const reasons: Record<string, string> = {
  'visit-ended': 'the visit ended',
  'meeting-ended': 'the call ended',
  'connection-lost': 'their page closed',
};

export function detailsText(details: AuditEntry['details']): string {
  if (!details) return '';
  return Object.entries(details)
    .map(([key, value]) => {
      if (key === 'kind' && typeof value === 'string' && value in kindNames)
        return kindNames[value as keyof typeof kindNames];
      if (key === 'via' && typeof value === 'string' && value in viaNames)
        return viaNames[value as keyof typeof viaNames];
      if (key === 'channel') return value === 'sms' ? 'by text message' : `by ${value}`;
      if (key === 'because') return `because ${reasons[String(value)] ?? value}`;
      return `${key}: ${value}`;
    })
    .join(' · ');
}

/** Download CSV: the export needs the bearer token, so fetch it and save the file from a blob. */
export async function downloadCsv(query: AuditQuery): Promise<void> {
  const [config, token] = await Promise.all([loadConfig(), session.accessToken()]);
  const response = await fetch(
    absolute(`${config.apiUrl}/audit/export.csv?${queryString(query)}`),
    {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    },
  );
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as {
      error?: { code?: string; message?: string };
    };
    throw new ApiError(
      response.status,
      body.error?.code ?? 'unknown',
      body.error?.message ?? 'The export failed.',
    );
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  // Named by the days chosen (the range ends at the midnight after the last one).
  const last = new Date(Date.parse(query.to) - 1);
  link.download = `televisit-audit-${dateInput(new Date(query.from))}-to-${dateInput(last)}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Local dates from the form as the API's instants: `from` midnight to the end of `to`. */
export function rangeFrom(fromDate: string, toDate: string): { from: string; to: string } {
  const [fy = 0, fm = 1, fd = 1] = fromDate.split('-').map(Number);
  const [ty = 0, tm = 1, td = 1] = toDate.split('-').map(Number);
  return {
    from: new Date(fy, fm - 1, fd).toISOString(),
    to: new Date(ty, tm - 1, td + 1).toISOString(),
  };
}

export const dateInput = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
