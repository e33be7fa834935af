import type { BrowserContext, Page } from 'playwright-core';

/**
 * Keeps every RTCPeerConnection a page makes, so a test can read its statistics: how much
 * sound arrived (inbound-rtp `totalAudioEnergy`) and was sent (outbound-rtp `packetsSent`).
 * Added before the page's own scripts run.
 */
export async function watchPeerConnections(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const made: RTCPeerConnection[] = [];
    (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections = made;
    // biome-ignore lint/complexity/useArrowFunction: pages call it with `new`
    const Watched = function (config?: RTCConfiguration) {
      const pc = new Native(config);
      made.push(pc);
      return pc;
    } as unknown as typeof RTCPeerConnection;
    Watched.prototype = Native.prototype;
    Object.assign(Watched, { generateCertificate: Native.generateCertificate });
    window.RTCPeerConnection = Watched;
  });
}

/** The sound this page has received and sent so far, over all its open connections. */
export function audioTotals(page: Page): Promise<{ energy: number; sent: number }> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    let energy = 0;
    let sent = 0;
    for (const pc of pcs.filter((p) => p.connectionState !== 'closed')) {
      const stats = await pc.getStats();
      stats.forEach(
        (r: { type?: string; kind?: string; totalAudioEnergy?: number; packetsSent?: number }) => {
          if (r.type === 'inbound-rtp' && r.kind === 'audio') energy += r.totalAudioEnergy ?? 0;
          if (r.type === 'outbound-rtp' && r.kind === 'audio') sent += r.packetsSent ?? 0;
        },
      );
    }
    return { energy, sent };
  });
}

/**
 * Waits until sound is arriving on the page and keeps arriving: the received audio energy
 * grows over two looks a second apart (the fake microphone is a beep, silence in between).
 */
export async function expectAudioArriving(page: Page, timeoutMs = 20_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = await audioTotals(page);
  let grew = 0;
  while (grew < 2) {
    if (Date.now() > deadline)
      throw new Error(`No sound arrived: ${JSON.stringify(last)} after ${timeoutMs} ms`);
    await page.waitForTimeout(1_000);
    const next = await audioTotals(page);
    grew = next.energy > last.energy ? grew + 1 : 0;
    last = next;
  }
  return last.energy;
}
