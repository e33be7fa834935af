import { goto } from '$app/navigation';

/**
 * A page's own steps as entries of the browser's history, each at its own address (the same
 * path, another query), so that Back, Forward and a reload show them: the page draws each step
 * from its address, and these only move between addresses. Focus and scroll stay where the
 * page puts them.
 */
export class PageSteps {
  /** Whether this page made an entry: its own "back" buttons can then be the browser's Back. */
  #made = false;

  /** A new entry: Back returns to the current one. */
  push(address: string): Promise<void> {
    this.#made = true;
    return this.#go(address, false);
  }

  /** Another step in the current entry (nothing to come back to). */
  replace(address: string): Promise<void> {
    return this.#go(address, true);
  }

  /**
   * `entries` back, as the browser's Back does, when this page made them; else (opened or
   * reloaded at the step) the step `address` names, in place of the current one.
   */
  back(address: string, entries = 1): void {
    if (this.#made) history.go(-entries);
    else void this.replace(address);
  }

  #go(address: string, replace: boolean): Promise<void> {
    return goto(address, { replaceState: replace, keepFocus: true, noScroll: true });
  }
}
