import { writeFileSync } from 'node:fs';
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

/**
 * Writes a tiny looping Y4M video (64×48, 10 frames a second, a bar moving across) for
 * Chromium's `--use-file-for-fake-video-capture`: real frames to send and decode, at a fraction
 * of the default fake camera's cost, for calls with many people on a small machine.
 */
export function tinyFakeCamera(path: string): string {
  const width = 64;
  const height = 48;
  const frames = 20;
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  const parts: Buffer[] = [header];
  for (let f = 0; f < frames; f += 1) {
    const luma = Buffer.alloc(width * height, 60);
    const bar = Math.floor((f / frames) * width);
    for (let y = 0; y < height; y += 1)
      for (let x = bar; x < Math.min(width, bar + 8); x += 1) luma[y * width + x] = 220;
    const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
    parts.push(Buffer.from('FRAME\n'), luma, chroma, chroma);
  }
  writeFileSync(path, Buffer.concat(parts));
  return path;
}
