import { loadChoice } from '../media/devices';
import { knockTune, playTune } from '../media/sounds';
import type { Participant } from './types';

/**
 * Never miss a knock: a doorbell sound for each new person in the waiting room and, when the
 * tab is in the background and the person allowed it, a desktop notification. The waiting list
 * is server state, so this compares each fresh list with what it has already rung for.
 */
export class KnockAlert {
  readonly #rung = new Set<string>();

  /** Rings for anyone waiting who was not waiting before; returns how many were new. */
  update(waiting: readonly Participant[]): number {
    const fresh = waiting.filter((p) => !this.#rung.has(p.participantId));
    const current = new Set(waiting.map((p) => p.participantId));
    // Forget people who left the list, so the same person knocking again rings again.
    for (const id of this.#rung) if (!current.has(id)) this.#rung.delete(id);
    for (const p of fresh) this.#rung.add(p.participantId);
    if (fresh.length > 0) {
      void playTune(knockTune, loadChoice().speaker);
      notify(fresh);
    }
    return fresh.length;
  }
}

function notify(fresh: readonly Participant[]): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  if (!document.hidden) return;
  const who = fresh.map((p) => p.name).join(', ');
  new Notification('Someone is in the waiting room', {
    body: `${who} ${fresh.length === 1 ? 'is' : 'are'} waiting to be let in.`,
    tag: 'televisit-knock',
  });
}

/** Whether to offer the "Desktop alerts" button: supported and not yet decided. */
export const canAskForNotifications = (): boolean =>
  typeof Notification !== 'undefined' && Notification.permission === 'default';

export async function askForNotifications(): Promise<boolean> {
  if (typeof Notification === 'undefined') return false;
  return (await Notification.requestPermission()) === 'granted';
}
