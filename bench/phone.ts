import type { Browser, Page } from 'playwright-core';
import type { benchApi } from './api';

/**
 * Init script: keeps the page's peer connections, and once armed (`__armAudioProbe()`) records
 * in `__firstAudioAt` (Date.now()) when sound first arrives on any of them (an inbound audio
 * RTP stream with packets). Idle until armed, so it costs the other measurements nothing.
 */
export const firstAudioProbe = `
  (() => {
    const Native = window.RTCPeerConnection;
    const made = [];
    const Watched = function (config) { const pc = new Native(config); made.push(pc); return pc; };
    Watched.prototype = Native.prototype;
    Watched.generateCertificate = Native.generateCertificate;
    window.RTCPeerConnection = Watched;
    window.__armAudioProbe = () => {
      window.__firstAudioAt = undefined;
      const timer = setInterval(async () => {
        for (const pc of made.filter((p) => p.connectionState !== 'closed')) {
          const stats = await pc.getStats().catch(() => undefined);
          let heard = false;
          stats?.forEach((r) => { if (r.type === 'inbound-rtp' && r.kind === 'audio' && r.packetsReceived > 0) heard = true; });
          if (heard && window.__firstAudioAt === undefined) { window.__firstAudioAt = Date.now(); clearInterval(timer); }
        }
      }, 10);
    };
  })();
`;

const firstAudioAt = (page: Page) =>
  page.waitForFunction(
    () => (window as unknown as { __firstAudioAt?: number }).__firstAudioAt,
    undefined,
    { timeout: 30_000, polling: 20 },
  );

/**
 * A dial-in caller's time from Allow to sound both ways: on the local softphone page (the
 * caller's handset), they call the clinic and type their PIN; once they have waited a moment
 * the provider's Allow reaches the API, and the clock stops when the provider's page hears the
 * caller and the caller's page hears the provider, whichever is later.
 */
export async function phoneAdmissions(
  browser: Browser,
  url: string,
  api: ReturnType<typeof benchApi>,
  provider: Page,
  visit: (api: ReturnType<typeof benchApi>) => Promise<{ appointmentId: string; pin: string }>,
  runs: number,
  settleMs: number,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const { appointmentId, pin } = await visit(api);
    await provider.goto(`${url}/visit/${appointmentId}`);
    await provider.getByRole('button', { name: /End visit/i }).waitFor({ timeout: 30_000 });
    const context = await browser.newContext();
    await context.addInitScript(firstAudioProbe);
    const phone = await context.newPage();
    await phone.goto(`${url}/_phone`);
    const field = phone.getByLabel("This phone's number");
    await field.fill(`+1202555${String(6000 + i).padStart(4, '0')}`);
    await field.blur();
    await phone.getByRole('button', { name: /Call the clinic/ }).click();
    await phone.getByText(/enter your eleven digit PIN/).waitFor();
    const keypad = phone.getByRole('group', { name: 'Keypad' });
    for (const key of `${pin}#`)
      await keypad.getByRole('button', { name: key, exact: true }).click();
    await phone.getByText(/knows you are here/).waitFor();
    await phone.waitForTimeout(settleMs);
    const visitNow = await api.call<{
      participants: { participantId: string; via: string; state: string }[];
    }>('dr.lee@demo.test', 'GET', `/visits/${appointmentId}`);
    const caller = visitNow.body.participants.find(
      (p) => p.via === 'phone' && p.state === 'waiting',
    );
    await Promise.all(
      [phone, provider].map((p) =>
        p.evaluate(() => (window as unknown as { __armAudioProbe: () => void }).__armAudioProbe()),
      ),
    );
    const admittedAt = Date.now();
    await api.call('dr.lee@demo.test', 'POST', `/visits/${appointmentId}/admit`, {
      participantIds: [caller?.participantId],
    });
    await Promise.all([firstAudioAt(phone), firstAudioAt(provider)]);
    const [heardOnPhone, heardByProvider] = await Promise.all(
      [phone, provider].map((p) =>
        p.evaluate(() => (window as unknown as { __firstAudioAt: number }).__firstAudioAt),
      ),
    );
    times.push(Math.max(heardOnPhone ?? 0, heardByProvider ?? 0) - admittedAt);
    // Cancelled, then ended: its slot is free again for the next measurements (a completed
    // appointment keeps its time), and the call is hung up.
    await api.call('frontdesk@demo.test', 'POST', `/appointments/${appointmentId}/cancel`);
    await api.call('dr.lee@demo.test', 'POST', `/visits/${appointmentId}/end`);
    await context.close();
  }
  return times;
}
