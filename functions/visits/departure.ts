import { applyCommand } from './apply';
import type { VisitDeps } from './deps';

/**
 * How long a participant's pages may all be closed (a reload, a phone switching networks, a
 * browser's Back and Forward) before they count as gone. Short enough that the provider's
 * waiting list and roster match reality within seconds, long enough that a reload is no leave.
 */
export const reconnectGraceMs = 10_000;

/**
 * A participant's socket closed. After the grace, if none of their pages is connected again,
 * they are `gone` (waiting-room.ts): a guest who closed the tab while waiting can no longer be
 * let in by mistake, and one let in who never reached the call stops showing as "Joining". The
 * audit records the leave once, `because: connection-lost`, at the moment it is decided.
 */
export async function afterDisconnect(
  visitId: string,
  participantId: string,
  deps: Pick<VisitDeps, 'visits' | 'now'> & {
    stillConnected: () => Promise<boolean>;
    wait: (ms: number) => Promise<void>;
  },
): Promise<void> {
  await deps.wait(reconnectGraceMs);
  if (await deps.stillConnected()) return;
  const visit = await deps.visits.get(visitId);
  if (!visit?.participants[participantId] || visit.status !== 'open') return;
  await applyCommand(visitId, { type: 'gone', participantId }, participantId, deps);
}
