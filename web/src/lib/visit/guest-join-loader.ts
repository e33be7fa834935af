import type { Component } from 'svelte';

/**
 * The camera, microphone and speaker check, fetched when the guest asks for it (the browser's
 * permission prompt then follows their click, not the page opening). It stays out of the join
 * page's first download, which has a budget of 40 KB of JavaScript (gzip).
 */
export async function loadPrejoinCheck(): Promise<Component> {
  return (await import('./prejoin-check.svelte')).default;
}
