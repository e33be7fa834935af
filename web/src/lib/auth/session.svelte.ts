import { goto } from '$app/navigation';
import type { Me } from '../api/types';
import { globalSignOut, refresh, type Tokens } from './cognito';

const storageKey = 'televisit.session';
/** Staff sessions end after this long without a click or key press (HIPAA automatic logoff). */
export const idleLimitMs = 15 * 60 * 1000;

function load(): Tokens | null {
  try {
    const raw = sessionStorage.getItem(storageKey);
    return raw ? (JSON.parse(raw) as Tokens) : null;
  } catch {
    return null;
  }
}

/**
 * The signed-in person's tokens and profile. Tokens live in sessionStorage: they survive a
 * reload but not closing the tab, and never reach a cookie the API would have to trust.
 */
class Session {
  tokens = $state<Tokens | null>(typeof sessionStorage === 'undefined' ? null : load());
  me = $state<Me | null>(null);
  #refreshing: Promise<boolean> | undefined;
  #lastActivity = Date.now();

  get signedIn(): boolean {
    return this.tokens !== null;
  }

  start(tokens: Tokens): void {
    this.tokens = tokens;
    this.me = null;
    sessionStorage.setItem(storageKey, JSON.stringify(tokens));
    this.touch();
  }

  touch(): void {
    this.#lastActivity = Date.now();
  }

  idleFor(): number {
    return Date.now() - this.#lastActivity;
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

  /** Signs out here and, when possible, everywhere; then shows the sign-in page. */
  async end(reason: 'signed-out' | 'expired' | 'idle' = 'signed-out'): Promise<void> {
    const tokens = this.tokens;
    this.tokens = null;
    this.me = null;
    sessionStorage.removeItem(storageKey);
    if (tokens && reason !== 'expired')
      await globalSignOut(tokens.accessToken).catch(() => undefined);
    await goto(reason === 'signed-out' ? '/sign-in' : `/sign-in?reason=${reason}`);
  }
}

export const session = new Session();
