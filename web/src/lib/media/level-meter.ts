import { type HeldAudio, holdPageAudio } from './audio-context';

/**
 * The loudness (0 to 1) of several streams, read on demand: the page's AudioContext and one
 * analyser per stream, no timers of its own. A page in a call of eight follows seven people at once;
 * a context each (with its own audio thread) would load a phone for nothing.
 */
export class LevelMeter {
  #held: HeldAudio | undefined;
  readonly #taps = new Map<
    string,
    { source: MediaStreamAudioSourceNode; analyser: AnalyserNode }
  >();
  readonly #samples = new Float32Array(512);

  has(id: string): boolean {
    return this.#taps.has(id);
  }

  add(id: string, stream: MediaStream): void {
    if (this.#taps.has(id)) return;
    this.#held ??= holdPageAudio();
    if (!this.#held) return;
    const source = this.#held.context.createMediaStreamSource(stream);
    const analyser = this.#held.context.createAnalyser();
    analyser.fftSize = this.#samples.length;
    source.connect(analyser);
    this.#taps.set(id, { source, analyser });
  }

  remove(id: string): void {
    this.#taps.get(id)?.source.disconnect();
    this.#taps.delete(id);
  }

  ids(): string[] {
    return [...this.#taps.keys()];
  }

  /** Everyone's loudness now. Speech sits around -40 to -10 dBFS: that range maps onto 0–1. */
  levels(): Map<string, number> {
    // A context made without a click starts suspended; it resumes once the page may play.
    const context = this.#held?.context;
    if (context?.state === 'suspended') void context.resume().catch(() => undefined);
    const levels = new Map<string, number>();
    for (const [id, { analyser }] of this.#taps) {
      analyser.getFloatTimeDomainData(this.#samples);
      let sum = 0;
      for (const s of this.#samples) sum += s * s;
      const db = 20 * Math.log10(Math.sqrt(sum / this.#samples.length) || 1e-8);
      levels.set(id, Math.min(1, Math.max(0, (db + 60) / 50)));
    }
    return levels;
  }

  close(): void {
    for (const id of this.ids()) this.remove(id);
    this.#held?.release();
    this.#held = undefined;
  }
}
