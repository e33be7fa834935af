/**
 * Who is speaking, from each remote person's loudness (0 to 1) sampled a few times a second.
 * Someone takes the floor after sounding for `onsetMs` (a cough does not), and keeps it until
 * they have been quiet for `quietMs` and someone else is speaking: the large tile does not jump
 * at every overlap. Once someone has spoken, the floor stays with the last speaker through
 * silences. The local mesh uses this; Chime has its own detector with the same effect.
 */
export class ActiveSpeaker {
  #current: string | null = null;
  readonly #loudSince = new Map<string, number>();
  readonly #lastLoud = new Map<string, number>();

  constructor(
    readonly threshold = 0.3,
    readonly onsetMs = 300,
    readonly quietMs = 700,
  ) {}

  /** Feeds one sample of everyone's levels; answers who has the floor now. */
  update(levels: ReadonlyMap<string, number>, now: number): string | null {
    for (const id of [...this.#loudSince.keys()]) if (!levels.has(id)) this.#loudSince.delete(id);
    for (const [id, level] of levels) {
      if (level >= this.threshold) {
        if (!this.#loudSince.has(id)) this.#loudSince.set(id, now);
        this.#lastLoud.set(id, now);
      } else this.#loudSince.delete(id);
    }
    let candidate: string | null = null;
    let loudest = -1;
    for (const [id, since] of this.#loudSince) {
      const level = levels.get(id) ?? 0;
      if (now - since >= this.onsetMs && level > loudest) {
        candidate = id;
        loudest = level;
      }
    }
    const current = this.#current;
    const currentGone = current === null || !levels.has(current);
    const currentQuiet =
      current !== null &&
      now - (this.#lastLoud.get(current) ?? Number.NEGATIVE_INFINITY) >= this.quietMs;
    if (candidate !== null && (currentGone || currentQuiet)) this.#current = candidate;
    else if (currentGone) this.#current = null;
    return this.#current;
  }
}
