import { holdPageAudio } from './audio-context';
import { routeToSpeaker } from './devices';

/** A short tune: frequencies in Hz, each note `noteSeconds` long. */
type Tune = readonly number[];

/** The speaker test: three rising notes, easy to recognise. */
export const testTune: Tune = [523.25, 659.25, 783.99, 1046.5];
/** Someone is knocking: a doorbell's two notes, played twice. */
export const knockTune: Tune = [880, 659.25, 880, 659.25];

/**
 * Plays a tune through the chosen speaker (through a media element, the only thing browsers
 * let a page route to a device). Resolves when it has played; never throws: a sound that
 * cannot play must not break the page that wanted it.
 */
export async function playTune(tune: Tune, speaker = '', noteSeconds = 0.22): Promise<boolean> {
  const held = holdPageAudio();
  if (!held) return false;
  const ctx = held.context;
  try {
    if (ctx.state === 'suspended') await ctx.resume();
    const destination = ctx.createMediaStreamDestination();
    const gain = ctx.createGain();
    gain.connect(destination);
    const start = ctx.currentTime + 0.05;
    tune.forEach((frequency, i) => {
      const osc = ctx.createOscillator();
      osc.type = 'sine';
      osc.frequency.value = frequency;
      osc.connect(gain);
      const at = start + i * noteSeconds;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.3, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + noteSeconds * 0.95);
      osc.start(at);
      osc.stop(at + noteSeconds);
    });
    const element = new Audio();
    element.srcObject = destination.stream;
    await routeToSpeaker(element, speaker);
    await element.play();
    await new Promise((resolve) => setTimeout(resolve, (tune.length * noteSeconds + 0.2) * 1000));
    element.pause();
    element.srcObject = null;
    gain.disconnect();
    return true;
  } catch {
    return false;
  } finally {
    held.release();
  }
}
