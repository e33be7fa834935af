/**
 * When someone last clicked, typed or scrolled in any tab of this browser (epoch ms), kept in
 * localStorage so every tab's idle check sees it. A module of its own, with no imports, because
 * every page records activity and the guests' pages must stay small.
 */
const activityKey = 'televisit.activity';
/** Activity is shared with the other tabs at most this often (a write to localStorage each). */
const shareEveryMs = 5_000;

let lastActivity = Date.now();
let lastShared = 0;

const storage = (): Storage | undefined =>
  typeof localStorage === 'undefined' ? undefined : localStorage;

/** The last activity any tab shared (0 when none was). */
export const sharedActivity = (): number => Number(storage()?.getItem(activityKey) ?? 0) || 0;

/** The last activity seen here or in another tab. */
export const lastActivityAt = (): number => Math.max(lastActivity, sharedActivity());

/** Someone did something here: recorded, and shared with the other tabs now and then. */
export function touch(share = false): void {
  const now = Date.now();
  lastActivity = now;
  if (share || now - lastShared >= shareEveryMs) {
    lastShared = now;
    storage()?.setItem(activityKey, String(now));
  }
}

/** On opening a page: the last activity is the shared one (a browser reopened much later). */
export function resumeFrom(at: number): void {
  lastActivity = at;
}
