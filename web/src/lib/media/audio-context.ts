/**
 * One AudioContext for the page. Each context starts an audio thread of its own and takes tens
 * of milliseconds of the page to make (a Chrome profile of admission: 28-32 ms). The waiting
 * room's microphone meter makes it; the call's sound levels and the tunes use the same one, so
 * being let in neither makes nor closes one at the moment the first picture waits for the page.
 *
 * Users hold it while they use it and disconnect their own nodes. Nobody closes it, but once
 * nobody has held it for a while it is suspended: its audio thread would otherwise run all day
 * on a schedule page that played one knock in the morning. The pause outlasts the hand-over
 * from the waiting room to the call, and every user resumes a suspended context itself.
 */
let shared: AudioContext | undefined;
let holders = 0;
let idle: ReturnType<typeof setTimeout> | undefined;
const idleSuspendMs = 30_000;

export interface HeldAudio {
  context: AudioContext;
  /** Done with it (more than once is harmless). */
  release(): void;
}

/** The page's context, held until released; undefined where the browser has none. */
export function holdPageAudio(): HeldAudio | undefined {
  if (typeof AudioContext === 'undefined') return undefined;
  if (!shared || shared.state === 'closed') shared = new AudioContext();
  const context = shared;
  holders += 1;
  clearTimeout(idle);
  let held = true;
  return {
    context,
    release() {
      if (!held) return;
      held = false;
      holders -= 1;
      if (holders > 0) return;
      clearTimeout(idle);
      idle = setTimeout(() => {
        if (holders === 0 && context.state === 'running')
          void context.suspend().catch(() => undefined);
      }, idleSuspendMs);
    },
  };
}
