import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';

/**
 * The floor: two RTCPeerConnections wired directly in one page, from creation to the first
 * frame of the remote video. Nothing of Televisit is involved: it is what this machine and this
 * browser need at best.
 */
export async function floorMs(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
    const started = performance.now();
    const a = new RTCPeerConnection();
    const b = new RTCPeerConnection();
    a.onicecandidate = (e) => e.candidate && b.addIceCandidate(e.candidate);
    b.onicecandidate = (e) => e.candidate && a.addIceCandidate(e.candidate);
    const first = new Promise<number>((resolve) => {
      b.ontrack = (event) => {
        const video = document.createElement('video');
        video.muted = true;
        video.srcObject = event.streams[0] ?? new MediaStream([event.track]);
        document.body.append(video);
        video.requestVideoFrameCallback(() => resolve(performance.now()));
        void video.play();
      };
    });
    for (const track of stream.getTracks()) a.addTrack(track, stream);
    const offer = await a.createOffer();
    await a.setLocalDescription(offer);
    await b.setRemoteDescription(offer);
    const answer = await b.createAnswer();
    await b.setLocalDescription(answer);
    await a.setRemoteDescription(answer);
    const at = await first;
    for (const pc of [a, b]) pc.close();
    for (const track of stream.getTracks()) track.stop();
    return at - started;
  });
}

/**
 * The JavaScript a guest's browser downloads to show the join page, before they touch anything:
 * every script fetched until the network is idle, gzip-compressed as a CDN would serve it.
 */
export async function initialScripts(
  browser: Browser,
  url: string,
): Promise<{ files: { path: string; raw: number; gzip: number }[]; gzip: number; raw: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const files: { path: string; raw: number; gzip: number }[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    pending.push(
      response.body().then((body) => {
        files.push({
          path: new URL(response.url()).pathname,
          raw: body.length,
          gzip: gzipSync(body).length,
        });
      }),
    );
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await Promise.all(pending);
  await context.close();
  files.sort((x, y) => y.gzip - x.gzip);
  return {
    files,
    gzip: files.reduce((s, f) => s + f.gzip, 0),
    raw: files.reduce((s, f) => s + f.raw, 0),
  };
}

/** Records, in the page, when the first frame of any remote video is shown (Date.now()). */
export const firstRemoteFrameProbe = `
  window.__firstRemoteFrameAt = undefined;
  window.__firstRemoteFrame = new Promise((resolve) => { window.__resolveFirstRemoteFrame = resolve; });
  const watch = (video) => {
    if (video.__probed) return;
    video.__probed = true;
    const tick = () => {
      if (window.__firstRemoteFrameAt !== undefined) return;
      window.__firstRemoteFrameAt = Date.now();
      window.__resolveFirstRemoteFrame(window.__firstRemoteFrameAt);
    };
    video.requestVideoFrameCallback(tick);
  };
  new MutationObserver(() => document.querySelectorAll('video[data-remote]').forEach(watch))
    .observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-remote'] });
`;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
