/**
 * One AudioContext for the page. Each context starts an audio thread of its own and takes tens
 * of milliseconds of the page to make (a Chrome profile of admission: 28-32 ms). The waiting
 * room's microphone meter makes it; the call's sound levels and the tunes use the same one, so
 * being let in neither makes nor closes one at the moment the first picture waits for the page.
 * Users disconnect their own nodes; nobody closes the page's context.
 */
let shared: AudioContext | undefined;

export function pageAudioContext(): AudioContext | undefined {
  if (typeof AudioContext === 'undefined') return undefined;
  if (!shared || shared.state === 'closed') shared = new AudioContext();
  return shared;
}
