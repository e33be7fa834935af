import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestFrom } from '../../helpers/api';
import { stack } from '../../helpers/local-stack';
import { openVisit } from '../../helpers/visits';

const wrongToken = () => randomBytes(32).toString('base64url');

/** Each test speaks from a loopback address of its own, so their counts never meet. */
let next = 10;
const freshAddress = () => `127.0.0.${next++}`;

describe('per-client limits on public routes', () => {
  // Counts are kept per minute: each test starts a second into a minute of the (movable) clock,
  // so its requests all fall in one minute.
  beforeEach(async () => {
    await stack().setClockOffset(0);
    const intoMinute = Date.now() % 60_000;
    await stack().setClockOffset(60_000 - intoMinute + 1_000);
  });
  afterEach(async () => {
    await stack().setClockOffset(0);
  });

  it('refuses an address after 30 wrong join links in a minute (429, Retry-After), on every guest route, and nobody else', async () => {
    const hammer = freshAddress();
    // Act: wrong lookups one after another, as a guessing script would.
    const answers: number[] = [];
    for (let i = 0; i < 40; i += 1)
      answers.push((await requestFrom(hammer, 'GET', `/join/${wrongToken()}`)).status);
    const knock = await requestFrom(hammer, 'POST', `/join/${wrongToken()}/knock`, {
      firstName: 'Eve',
      lastName: 'Guess',
    });
    const other = await requestFrom(freshAddress(), 'GET', `/join/${wrongToken()}`);
    // Assess
    expect(answers.slice(0, 30)).toEqual(Array(30).fill(404));
    expect(answers.slice(30)).toEqual(Array(10).fill(429));
    expect(knock.status).toBe(429);
    expect(Number(knock.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(knock.retryAfter)).toBeLessThanOrEqual(60);
    expect(knock.body).toEqual({
      error: { code: 'limit.reached', message: expect.any(String) },
    });
    expect(other.status).toBe(404);
  });

  it('refuses wrong participant tokens the same way', async () => {
    const { visitId } = await openVisit();
    const hammer = freshAddress();
    const answers: number[] = [];
    for (let i = 0; i < 32; i += 1)
      answers.push(
        (
          await requestFrom(hammer, 'GET', `/visits/${visitId}/me`, undefined, {
            'x-participant-token': wrongToken(),
          })
        ).status,
      );
    expect(answers.slice(0, 30)).toEqual(Array(30).fill(401));
    expect(answers.slice(30)).toEqual([429, 429]);
  });

  it('refuses one link used more than 60 times in a minute, and not another link', async () => {
    const { links } = await openVisit({ guests: 2 });
    const [one, two] = links;
    const address = freshAddress();
    const answers: number[] = [];
    for (let i = 0; i < 62; i += 1)
      answers.push((await requestFrom(address, 'GET', `/join/${one?.token}`)).status);
    const otherLink = await requestFrom(address, 'GET', `/join/${two?.token}`);
    expect(answers.slice(0, 60)).toEqual(Array(60).fill(200));
    expect(answers.slice(60)).toEqual([429, 429]);
    expect(otherLink.status).toBe(200);
  });

  it('lets a whole waiting room through from one address: every guest knocks on their own link', async () => {
    const { links } = await openVisit({ guests: 20 });
    const address = freshAddress();
    const knocks = await Promise.all(
      links.map((l) =>
        requestFrom(address, 'POST', `/join/${l.token}/knock`, {
          firstName: 'Room',
          lastName: 'Guest',
        }),
      ),
    );
    expect(knocks.map((k) => k.status)).toEqual(Array(20).fill(200));
  });
});
