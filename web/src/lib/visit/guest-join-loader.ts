import type { Component } from 'svelte';

export interface GuestJoinProps {
  token: string;
  /** Whether Join is open now (the server decides by the clinic's clock). */
  open: boolean;
  /** Why Join is closed, shown under the disabled button. */
  closedNote?: string;
}

/**
 * The pre-join check and the name form, fetched only once the link page has shown whom and
 * when: the guest page's first download stays small (a budget of 40 KB gzip of JavaScript).
 */
export async function loadGuestJoin(): Promise<Component<GuestJoinProps>> {
  return (await import('./guest-join.svelte')).default;
}
