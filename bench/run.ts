/**
 * `npm run bench`: measures, in one run on this machine,
 *  - an admitted guest's time from admission to the first remote video frame, in Chromium,
 *    against a floor measured in the same run (two RTCPeerConnections wired in one page);
 *  - the initial JavaScript (gzip) of the guest join page.
 * Writes bench/results/latest.json and prints the figures against their budgets: admission to
 * first frame at most 4 × the floor; the join page's initial JavaScript under 40 KB gzip.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../tests/helpers/browser';
import { startStackProcess } from '../tests/helpers/stack-process';
import { benchApi, liveVisitWithGuest } from './api';
import { firstRemoteFrameProbe, floorMs, initialScripts, median } from './measure';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const budgets = { admissionToFrameVsFloor: 4, joinPageInitialJsGzipBytes: 40 * 1024 };

async function main() {
  const stack = await startStackProcess({ buildWeb: true });
  const browser = await launchBrowser();
  try {
    const api = benchApi(stack.info);
    // The floor, in a page of the app's origin (a secure context for the camera).
    const floorPage = await (await browser.newContext()).newPage();
    await floorPage.goto(`${stack.info.url}/sign-in`);
    const floors: number[] = [];
    for (let i = 0; i < runs; i += 1) floors.push(await floorMs(floorPage));

    // The provider is in the call of each visit before the guest is let in.
    const providerContext = await browser.newContext();
    const provider = await providerContext.newPage();
    await provider.goto(`${stack.info.url}/sign-in`);
    await provider.getByLabel('Email').fill('dr.lee@demo.test');
    await provider.getByLabel('Password', { exact: true }).fill('Demo-Password-1');
    await provider.getByRole('button', { name: 'Sign in' }).click();
    await provider.waitForURL('**/schedule');

    const admissions: number[] = [];
    let joinPageUrl = '';
    for (let i = 0; i < runs; i += 1) {
      const { appointmentId, guestToken } = await liveVisitWithGuest(api);
      joinPageUrl = `${stack.info.url}/join/${guestToken}`;
      await provider.goto(`${stack.info.url}/visit/${appointmentId}`);
      await provider.getByRole('button', { name: /End visit/i }).waitFor({ timeout: 30_000 });
      const guestContext = await browser.newContext();
      await guestContext.addInitScript(firstRemoteFrameProbe);
      if (process.env.BENCH_TRACE)
        await guestContext.addInitScript({ path: process.env.BENCH_TRACE });
      const guest = await guestContext.newPage();
      await guest.goto(joinPageUrl);
      await guest.locator('#guest-first').fill('Bench');
      await guest.locator('#guest-last').fill(`Guest ${i + 1}`);
      await guest.getByRole('button', { name: 'Join', exact: true }).click();
      await guest.getByText(/let you in shortly/i).waitFor({ timeout: 30_000 });
      const visit = await api.call<{
        participants: { participantId: string; state: string; kind: string }[];
      }>('dr.lee@demo.test', 'GET', `/visits/${appointmentId}`);
      const waiting = visit.body.participants.find((p) => p.state === 'waiting');
      // Admission: the moment the provider's Allow reaches the API.
      const admittedAt = Date.now();
      await api.call('dr.lee@demo.test', 'POST', `/visits/${appointmentId}/admit`, {
        participantIds: [waiting?.participantId],
      });
      await guest.waitForFunction(
        () =>
          (window as unknown as { __firstRemoteFrameAt?: number }).__firstRemoteFrameAt !==
          undefined,
        undefined,
        { timeout: 30_000 },
      );
      const frameAt = await guest.evaluate(
        () => (window as unknown as { __firstRemoteFrameAt: number }).__firstRemoteFrameAt,
      );
      admissions.push(frameAt - admittedAt);
      if (process.env.BENCH_TRACE) {
        const marks = await guest.evaluate(
          () => (window as unknown as { __marks: [string, number][] }).__marks,
        );
        console.log(
          marks
            .filter(([, at]) => at >= admittedAt - 50)
            .map(([name, at]) => `${at - admittedAt}ms ${name}`)
            .join('\n'),
          `\n${frameAt - admittedAt}ms first remote frame\n`,
        );
      }
      await api.call('dr.lee@demo.test', 'POST', `/visits/${appointmentId}/end`);
      await guestContext.close();
    }

    const scripts = await initialScripts(browser, joinPageUrl);
    const floor = median(floors);
    const admission = median(admissions);
    const results = {
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version },
      runs,
      floorMs: { median: Math.round(floor), runs: floors.map(Math.round) },
      admissionToFirstRemoteFrameMs: { median: Math.round(admission), runs: admissions },
      admissionVsFloor: Number((admission / floor).toFixed(2)),
      joinPageInitialJs: { gzipBytes: scripts.gzip, rawBytes: scripts.raw, files: scripts.files },
      budgets,
      withinBudget: {
        admissionToFrame: admission <= budgets.admissionToFrameVsFloor * floor,
        joinPageInitialJs: scripts.gzip < budgets.joinPageInitialJsGzipBytes,
      },
    };
    const dir = join(process.cwd(), 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log(`
Floor (two RTCPeerConnections in one page), median of ${runs}:   ${results.floorMs.median} ms
Admission to first remote frame, median of ${runs}:                ${results.admissionToFirstRemoteFrameMs.median} ms  (${results.admissionVsFloor} × floor; budget ${budgets.admissionToFrameVsFloor} ×) ${results.withinBudget.admissionToFrame ? 'OK' : 'OVER BUDGET'}
Guest join page initial JavaScript:                           ${(scripts.gzip / 1024).toFixed(1)} KB gzip (${(scripts.raw / 1024).toFixed(1)} KB raw, ${scripts.files.length} files; budget 40 KB) ${results.withinBudget.joinPageInitialJs ? 'OK' : 'OVER BUDGET'}
Written to bench/results/latest.json`);
    process.exitCode =
      results.withinBudget.admissionToFrame && results.withinBudget.joinPageInitialJs ? 0 : 1;
  } finally {
    await browser.close();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
