/**
 * `npm run bench`: measures, in one run on this machine,
 *  - an admitted guest's time from admission to the first remote video frame, in Chromium,
 *    against a floor measured in the same run (two RTCPeerConnections wired in one page);
 *  - the initial JavaScript (gzip) of the guest join page;
 *  - the AWS round trips of each hot action, total and sequential (bench/aws-calls.ts);
 *  - every function's bundle size and cold start against an empty handler's (bench/bundles.ts);
 *  - the clinic's peak: 200 visits within a minute, 3 guests let in to each (bench/burst.ts);
 *  - online booking: slot listing with 500 appointments in the horizon, and a booking, as
 *    server time and DynamoDB calls (bench/online-booking.ts);
 *  - a caller on the phone (the local softphone): Allow to sound both ways (bench/phone.ts).
 * Writes bench/results/latest.json and prints each figure beside its budget. BENCH_RUNS sets the
 * runs of the timed figures (5); BENCH_SKIP=burst,bundles,phone leaves parts out;
 * BENCH_TRACE=bench/admission-trace.js prints each admission's timeline, both pages;
 * BENCH_PROFILE=1 keeps the guest page's CPU profile of each admission (bench/results/).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../tests/helpers/browser';
import { startStackProcess } from '../tests/helpers/stack-process';
import { benchApi, clearCalendarAroundNow, liveVisitWithGuest } from './api';
import { measureAwsCalls, roundTripBudgets } from './aws-calls';
import { bundleBudgets, measureBundles } from './bundles';
import { burstBudgets, runBurst } from './burst';
import { firstRemoteFrameProbe, floorMs, initialScripts, median } from './measure';
import { bookingBudgets, runBookingBench } from './online-booking';
import { firstAudioProbe, phoneAdmissions } from './phone';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
/** How long the guest waits before being let in. */
const settleMs = 2_000;
const budgets = { admissionToFrameVsFloor: 4, joinPageInitialJsGzipBytes: 40 * 1024 };

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

async function main() {
  const stack = await startStackProcess({ buildWeb: true });
  const browser = await launchBrowser();
  try {
    const api = benchApi(stack.info);
    await clearCalendarAroundNow(api);
    // The floor, in a page of the app's origin (a secure context for the camera).
    const floorPage = await (await browser.newContext()).newPage();
    await floorPage.goto(`${stack.info.url}/sign-in`);
    const floors: number[] = [];
    for (let i = 0; i < runs; i += 1) floors.push(await floorMs(floorPage));

    // The provider is in the call of each visit before the guest is let in.
    const providerContext = await browser.newContext();
    await providerContext.addInitScript(firstAudioProbe);
    if (process.env.BENCH_TRACE)
      await providerContext.addInitScript({ path: process.env.BENCH_TRACE });
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
      // The guest has waited a moment, as anyone does before a provider sees the knock and
      // clicks Allow: their camera is open by then, as the floor's is before it starts.
      await guest.waitForTimeout(settleMs);
      const visit = await api.call<{
        participants: { participantId: string; state: string; kind: string }[];
      }>('dr.lee@demo.test', 'GET', `/visits/${appointmentId}`);
      const waiting = visit.body.participants.find((p) => p.state === 'waiting');
      const profiler = process.env.BENCH_PROFILE
        ? await guestContext.newCDPSession(guest)
        : undefined;
      if (profiler) {
        await profiler.send('Profiler.enable');
        await profiler.send('Profiler.setSamplingInterval', { interval: 500 });
        await profiler.send('Profiler.start');
      }
      // The bench's own wait is set up before the clock starts: a wait begun after admission
      // (waitForFunction) compiled the test driver's script in the guest's page, 33-53 ms of
      // its main thread in a Chrome trace, right when the page had the call to set up.
      await guest.evaluate(() => 0);
      const firstFrame = guest.evaluate(
        () => (window as unknown as { __firstRemoteFrame: Promise<number> }).__firstRemoteFrame,
      );
      // BENCH_CHROME_TRACE=1: the guest page's Chrome trace of each admission (its main
      // thread's tasks), for chrome://tracing or the Performance panel.
      if (process.env.BENCH_CHROME_TRACE)
        await browser.startTracing(guest, {
          path: join(process.cwd(), 'bench', 'results', `guest-trace-${i + 1}.json`),
          categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'webrtc'],
        });
      // Admission: the moment the provider's Allow reaches the API.
      const admittedAt = Date.now();
      await api.call('dr.lee@demo.test', 'POST', `/visits/${appointmentId}/admit`, {
        participantIds: [waiting?.participantId],
      });
      const frameAt = await withTimeout(firstFrame, 30_000, 'no remote frame within 30 s');
      if (process.env.BENCH_CHROME_TRACE) await browser.stopTracing();
      admissions.push(frameAt - admittedAt);
      if (profiler) {
        // The guest page's CPU from admission to its first frame, for chrome://inspect or
        // `npx tsx bench/profile-summary.ts`.
        const { profile } = await profiler.send('Profiler.stop');
        mkdirSync(join(process.cwd(), 'bench', 'results'), { recursive: true });
        writeFileSync(
          join(process.cwd(), 'bench', 'results', `guest-admission-${i + 1}.cpuprofile`),
          JSON.stringify(profile),
        );
      }
      if (process.env.BENCH_TRACE) {
        const hostMarks = await provider.evaluate(
          () => (window as unknown as { __marks: [string, number][] }).__marks,
        );
        console.log(
          'provider:\n' +
            hostMarks
              .filter(([, at]) => at >= admittedAt - 50 && at <= frameAt + 50)
              .map(([name, at]) => `${at - admittedAt}ms ${name}`)
              .join('\n'),
        );
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

    // A caller on the phone, let in the same way: Allow to sound both ways.
    const phone = skip.has('phone')
      ? []
      : await phoneAdmissions(
          browser,
          stack.info.url,
          api,
          provider,
          liveVisitWithGuest,
          runs,
          settleMs,
        );
    const scripts = await initialScripts(browser, joinPageUrl);
    const floor = median(floors);
    const admission = median(admissions);
    const awsCalls = await measureAwsCalls(stack.info);
    await browser.close();
    await stack.stop();
    // A cold start is 40-90 ms, and a busy moment moves one by 20-40 ms: 15 starts of each
    // bundle (about 15 s in all) keep the medians, and so the ratios, steady between runs.
    const bundles = skip.has('bundles') ? undefined : await measureBundles(Math.max(runs, 15));
    let burst: Awaited<ReturnType<typeof runBurst>> | undefined;
    if (!skip.has('burst')) {
      const burstStack = await startStackProcess({ buildWeb: false });
      try {
        burst = await runBurst(burstStack.info);
      } finally {
        await burstStack.stop();
      }
    }
    let booking: Awaited<ReturnType<typeof runBookingBench>> | undefined;
    if (!skip.has('booking')) {
      const bookingStack = await startStackProcess({ buildWeb: false });
      try {
        booking = await runBookingBench(bookingStack.info);
      } finally {
        await bookingStack.stop();
      }
    }
    const roundTrips = Object.fromEntries(
      Object.entries(awsCalls).map(([action, count]) => [
        action,
        { ...count, budget: roundTripBudgets[action as keyof typeof roundTripBudgets] },
      ]),
    );
    const results = {
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version },
      runs,
      floorMs: { median: Math.round(floor), runs: floors.map(Math.round) },
      admissionToFirstRemoteFrameMs: { median: Math.round(admission), runs: admissions },
      admissionVsFloor: Number((admission / floor).toFixed(2)),
      ...(phone.length
        ? {
            phoneAllowToTwoWayAudioMs: { median: Math.round(median(phone)), runs: phone },
            phoneVsFloor: Number((median(phone) / floor).toFixed(2)),
          }
        : {}),
      joinPageInitialJs: { gzipBytes: scripts.gzip, rawBytes: scripts.raw, files: scripts.files },
      awsRoundTrips: roundTrips,
      ...(bundles ? { bundles } : {}),
      ...(burst ? { burst } : {}),
      ...(booking ? { onlineBooking: booking } : {}),
      budgets: {
        ...budgets,
        roundTrips: roundTripBudgets,
        bundles: bundleBudgets,
        burst: burstBudgets,
        onlineBooking: bookingBudgets,
      },
      withinBudget: {
        admissionToFrame: admission <= budgets.admissionToFrameVsFloor * floor,
        joinPageInitialJs: scripts.gzip < budgets.joinPageInitialJsGzipBytes,
        roundTrips: Object.values(roundTrips).every((r) => r.sequential <= r.budget),
        ...(bundles
          ? {
              bundleSizes: bundles.functions.every((f) => f.gzipBytes <= bundleBudgets.gzipBytes),
              coldStarts: bundles.functions.every(
                (f) => f.coldStartVsEmpty <= bundleBudgets.coldStartVsEmpty,
              ),
            }
          : {}),
        ...(booking
          ? {
              onlineBooking:
                booking.slotListing.dynamoDb.sequential <= bookingBudgets.sequentialDynamoDbCalls &&
                booking.booking.dynamoDb.sequential <= bookingBudgets.sequentialDynamoDbCalls,
            }
          : {}),
        ...(burst
          ? {
              burst:
                burst.serverErrors <= burstBudgets.serverErrors &&
                burst.stranded <= burstBudgets.stranded &&
                burst.refused <= burstBudgets.refused &&
                burst.admissionToJoinInfoMs.p99 <= burstBudgets.p99AdmissionToJoinInfoMs,
            }
          : {}),
      },
    };
    const dir = join(process.cwd(), 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log(`
Floor (two RTCPeerConnections in one page), median of ${runs}:   ${results.floorMs.median} ms
Admission to first remote frame, median of ${runs}:                ${results.admissionToFirstRemoteFrameMs.median} ms  (${results.admissionVsFloor} × floor; budget ${budgets.admissionToFrameVsFloor} ×) ${results.withinBudget.admissionToFrame ? 'OK' : 'OVER BUDGET'}
${
  phone.length
    ? `Phone caller, Allow to sound both ways, median of ${runs}:       ${Math.round(median(phone))} ms  (${(median(phone) / floor).toFixed(2)} × floor)
`
    : ''
}Guest join page initial JavaScript:                           ${(scripts.gzip / 1024).toFixed(1)} KB gzip (${(scripts.raw / 1024).toFixed(1)} KB raw, ${scripts.files.length} files; budget 40 KB) ${results.withinBudget.joinPageInitialJs ? 'OK' : 'OVER BUDGET'}

AWS round trips per action (sequential / total, warm; budget ${Object.values(roundTripBudgets)[0]} sequential):
${Object.entries(roundTrips)
  .map(
    ([a, r]) =>
      `  ${a.padEnd(18)} ${r.sequential} / ${r.total}${r.sequential > r.budget ? '  OVER BUDGET' : ''}`,
  )
  .join('\n')}
${
  bundles
    ? `Bundles (gzip, all files; cold start vs an empty handler's ${bundles.emptyColdStartMs} ms; budgets 250 KB, 2 ×):
${bundles.functions
  .map(
    (f) =>
      `  ${f.name.padEnd(15)} ${(f.gzipBytes / 1024).toFixed(0).padStart(4)} KB  ${String(f.coldStartMs).padStart(4)} ms = ${f.coldStartVsEmpty} ×${f.gzipBytes > bundleBudgets.gzipBytes || f.coldStartVsEmpty > bundleBudgets.coldStartVsEmpty ? '  OVER BUDGET' : ''}`,
  )
  .join('\n')}`
    : ''
}
${
  burst
    ? `Burst: ${burst.visits} visits in ${burst.seconds} s, ${burst.admitted} guests let in: ${burst.serverErrors} 5xx, ${burst.stranded} stranded, ${burst.refused} refused; admission to join information p50 ${burst.admissionToJoinInfoMs.p50} ms, p99 ${burst.admissionToJoinInfoMs.p99} ms (budget 5000)`
    : ''
}
${
  booking
    ? `Online booking, ${booking.appointmentsInHorizon} appointments in the horizon (floor: the public page, ${booking.floorMs} ms):
  slot listing (a week, ${booking.slotListing.slotsInWeek} slots) ${booking.slotListing.medianMs} ms, DynamoDB ${booking.slotListing.dynamoDb.sequential} sequential / ${booking.slotListing.dynamoDb.total} calls (budget 3)
  booking ${booking.booking.medianMs} ms, DynamoDB ${booking.booking.dynamoDb.sequential} sequential / ${booking.booking.dynamoDb.total} calls (budget 3)`
    : ''
}
Written to bench/results/latest.json`);
    process.exitCode = Object.values(results.withinBudget).every(Boolean) ? 0 : 1;
  } finally {
    await browser.close().catch(() => undefined);
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
