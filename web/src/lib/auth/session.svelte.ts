import { goto } from '$app/navigation';
import type { Me } from '../api/types';
import { lastActivityAt, resumeFrom, sharedActivity, touch } from './activity';
import { globalSignOut, refresh, type Tokens } from './cognito';

const storageKey = 'televisit.session';
/** Staff sessions end after this long without a click or key press (HIPAA automatic logoff). */
export const idleLimitMs = 15 * 60 * 1000;
/** How long before that the page warns, with a way to stay signed in. */
export const idleWarningMs = 60 * 1000;
/** A held session (a call, a waiting room) counts as active this often. */
const holdBeatMs = 30_000;

const storage = (): Storage | undefined =>
  typeof localStorage === 'undefined' ? undefined : localStorage;

function load(): Tokens | null {
  try {
    const raw = storage()?.getItem(storageKey);
    return raw ? (JSON.parse(raw) as Tokens) : null;
  } catch {
    return null;
  }
}

/**
 * The signed-in person's tokens and profile: one session per browser. Tokens live in
 * localStorage, so a second tab is signed in too and Sign out (or idleness) in one tab signs
 * every tab out at once (the `storage` event); they never reach a cookie the API would have to
 * trust. Activity in any tab keeps all of them signed in, and a session found on opening the
 * browser is ended at once when its last activity is older than the idle limit.
 *
 * Nobody in a call or on a page with someone waiting is signed out for idleness: such a page
 * `hold`s the session, which counts as activity while held (shared with the other tabs, since
 * signing out one tab would sign out the call's too).
 */
class Session {
  tokens = $state<Tokens | null>(load());
  me = $state<Me | null>(null);
  #refreshing: Promise<boolean> | undefined;
  #holds = 0;

  constructor() {
    if (this.tokens && sharedActivity()) resumeFrom(sharedActivity());
    if (typeof window !== 'undefined')
      window.addEventListener('storage', (e) => this.#fromAnotherTab(e));
  }

  get signedIn(): boolean {
    return this.tokens !== null;
  }

  start(tokens: Tokens): void {
    this.tokens = tokens;
    this.me = null;
    storage()?.setItem(storageKey, JSON.stringify(tokens));
    this.touch(true);
  }

  /** Someone did something here (see activity.ts). */
  touch(share = false): void {
    touch(share);
  }

  /** How long since anyone did anything in any tab; 0 while a page here holds the session. */
  idleFor(): number {
    if (this.#holds > 0) return 0;
    return Date.now() - lastActivityAt();
  }

  /**
   * Keeps the session from idling out while the caller needs it (a call, someone waiting);
   * returns the release, which is safe to call more than once.
   */
  hold(): () => void {
    this.#holds += 1;
    this.touch(true);
    const beat = setInterval(() => this.touch(true), holdBeatMs);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      clearInterval(beat);
      this.#holds -= 1;
      this.touch(true);
    };
  }

  /** A valid access token, refreshed when it is about to expire; null when signed out. */
  async accessToken(): Promise<string | null> {
    if (!this.tokens) return null;
    if (this.tokens.expiresAt - Date.now() < 60_000) await this.refreshNow();
    return this.tokens?.accessToken ?? null;
  }

  refreshNow(): Promise<boolean> {
    const current = this.tokens;
    if (!current?.refreshToken) return Promise.resolve(false);
    this.#refreshing ??= refresh(current.refreshToken)
      .then((tokens) => {
        this.start(tokens);
        return true;
      })
      .catch(() => false)
      .finally(() => {
        this.#refreshing = undefined;
      });
    return this.#refreshing;
  }

  /** Signs out here, in every tab and, when possible, everywhere; then shows the sign-in page. */
  async end(reason: 'signed-out' | 'expired' | 'idle' = 'signed-out'): Promise<void> {
    const tokens = this.tokens;
    this.tokens = null;
    this.me = null;
    storage()?.removeItem(storageKey);
    if (tokens && reason !== 'expired')
      await globalSignOut(tokens.accessToken).catch(() => undefined);
    await goto(reason === 'signed-out' ? '/sign-in' : `/sign-in?reason=${reason}`);
  }

  /** Another tab signed in, refreshed the tokens, or signed out. */
  #fromAnotherTab(event: StorageEvent): void {
    if (event.key !== storageKey) return;
    const wasSignedIn = this.tokens !== null;
    this.tokens = load();
    if (this.tokens) return;
    this.me = null;
    // Pages of people without an account (guests in a call) hold no session and stay.
    if (wasSignedIn) void goto('/sign-in?reason=elsewhere');
  }
}

export const session = new Session();
