import { ApiError } from '../api/client';
import { messageOf } from '../api/errors';
import type { Client } from '../api/types';
import { searchClients } from './search';

type Query = { q: string; includeArchived: boolean };

/**
 * One client search box and its results: the first page a moment after typing stops, further
 * pages on "Show more" (by the cursor the API gave), and why nothing is shown. Answers to an
 * older search are dropped, so a slow "p" never overwrites "pat".
 */
export class ClientSearch {
  clients = $state<Client[] | null>(null);
  /** There are more matches than shown: `showMore` fetches the next page. */
  more = $state(false);
  loadingMore = $state(false);
  /** What to type instead, when the text looked like an email, phone or date but was not one. */
  hint = $state<string | null>(null);
  failure = $state<string | null>(null);

  #generation = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The search whose results are shown, and where its next page starts. */
  #shown: { generation: number; query: Query; cursor?: string | undefined } | undefined;

  readonly #pageSize: number;
  readonly #delayMs: number;

  constructor(pageSize = 50, delayMs = 200) {
    this.#pageSize = pageSize;
    this.#delayMs = delayMs;
  }

  /** Searches for `q` a moment from now, unless another search replaces it first. */
  search(q: string, includeArchived = false): void {
    clearTimeout(this.#timer);
    const generation = ++this.#generation;
    this.#timer = setTimeout(
      () => void this.#load(generation, { q, includeArchived }),
      this.#delayMs,
    );
  }

  /** The next page of the results shown; nothing while a newer search is on its way. */
  async showMore(): Promise<void> {
    const shown = this.#shown;
    if (!shown?.cursor || shown.generation !== this.#generation || this.loadingMore) return;
    this.loadingMore = true;
    try {
      await this.#load(shown.generation, shown.query, shown.cursor);
    } finally {
      this.loadingMore = false;
    }
  }

  async #load(generation: number, query: Query, cursor?: string): Promise<void> {
    const { q, includeArchived } = query;
    try {
      const page = await searchClients(q, { includeArchived, cursor, limit: this.#pageSize });
      if (generation !== this.#generation) return;
      this.clients = cursor ? [...(this.clients ?? []), ...page.clients] : page.clients;
      this.#shown = { generation, query, cursor: page.cursor };
      this.more = page.cursor !== undefined;
      this.hint = null;
      this.failure = null;
    } catch (error) {
      if (generation !== this.#generation) return;
      const hint = error instanceof ApiError && error.status === 400 ? error.fields.q : undefined;
      if (hint) {
        this.hint = hint;
        this.failure = null;
        this.clients = [];
        this.more = false;
        this.#shown = { generation, query };
      } else {
        this.failure = messageOf(error, 'Clients could not be searched.');
      }
    }
  }
}
