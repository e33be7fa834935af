import type { Page } from 'playwright-core';

/** Frames decoded so far by each remote <video> on the page (the call's tiles of other people). */
export function remoteFrames(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLVideoElement>('video[data-remote]')].map(
      (v) => v.getVideoPlaybackQuality().totalVideoFrames,
    ),
  );
}

/**
 * Waits until the page shows `count` remote videos that are playing, then checks twice over
 * time that every one of them keeps decoding new frames: live video, not a frozen picture.
 */
export async function expectRemoteVideoAdvancing(
  page: Page,
  count: number,
  timeoutMs = 30_000,
): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let first = await remoteFrames(page);
  while (first.length !== count || first.some((n) => n === 0)) {
    if (Date.now() > deadline)
      throw new Error(
        `Expected ${count} playing remote videos, saw frames ${JSON.stringify(first)}`,
      );
    await page.waitForTimeout(250);
    first = await remoteFrames(page);
  }
  let previous = first;
  for (let check = 0; check < 2; check += 1) {
    await page.waitForTimeout(1_200);
    const next = await remoteFrames(page);
    if (next.length !== count || next.some((n, i) => n <= (previous[i] ?? 0)))
      throw new Error(
        `Remote video stalled: ${JSON.stringify(previous)} then ${JSON.stringify(next)}`,
      );
    previous = next;
  }
  return previous;
}
