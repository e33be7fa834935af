/**
 * `npx tsx bench/profile-summary.ts bench/results/guest-admission-1.cpuprofile`: where a page's
 * time went, by function (self time), largest first. For profiles kept by BENCH_PROFILE=1.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const profile = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<string, number>();
profile.samples.forEach((id, i) => {
  const frame = byId.get(id)?.callFrame;
  const where = frame?.url ? `${frame.url.replace(/^.*\//, '')}:${frame.lineNumber}` : '';
  const key = `${frame?.functionName || '(anonymous)'} ${where}`.trim();
  selfUs.set(key, (selfUs.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
console.log(`total ${(total / 1000).toFixed(0)} ms`);
const lines = [...selfUs].sort((a, b) => b[1] - a[1]).slice(0, 25);
console.log(
  lines.map(([key, us]) => `${(us / 1000).toFixed(1).padStart(7)} ms  ${key}`).join('\n'),
);
