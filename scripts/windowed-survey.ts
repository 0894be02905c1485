/**
 * Survey of where the simulators' least downtime limits agree with the seed's closed forms: random
 * (B, D, x, M) from a fixed seed, grouped by the regime of the critical state. It prints counts and is
 * deterministic; docs/convergence.md quotes its output. Run: npx tsx scripts/windowed-survey.ts [cases]
 */
import { criticalTransferMs } from '../src/convergence/critical-state.ts';
import { eq12DowntimeMs, eq19DowntimeMs } from '../src/convergence/downtime-bounds.ts';
import { minDowntime } from '../src/convergence/min-downtime.ts';
import { seededRandom } from '../src/convergence/rational-sampler.ts';
import { simulatedMinDowntime } from '../src/simulator/threshold-search.ts';

const cases = Number(process.argv[2] ?? 2000);
const random = seededRandom(20251215);
const counts = new Map<string, number>();
const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
const SEARCH = { maxIterations: 3000, relativeTolerance: 1e-10 };
const agree = (a: number, b: number) => Math.abs(a - b) <= 1e-7 * b;

for (let i = 0; i < cases; i++) {
  const B = (1 + 29 * random()) * 1e6;
  const D = B * (0.01 + 0.94 * random());
  const x = 0.5 + 99 * random();
  const t = criticalTransferMs(B, D, x);
  // Memory large enough that the migration starts far above the critical state (M/B > 2·t*, 2·x, 200 ms).
  const memoryBytes = B * Math.max(2 * t, 2 * x, 200) * (1 + 9 * random());
  const p = { bandwidthBytesPerMs: B, dirtyRateBytesPerMs: D, syncMs: x, memoryBytes };
  const seed = simulatedMinDowntime(p, 'seed-premises', SEARCH).downtimeMs;
  const windowed = simulatedMinDowntime(p, 'windowed', SEARCH).downtimeMs;
  const closed = minDowntime(B, D, x).downtimeLimitMs;
  const regime = x + t >= 100 ? 'long (5)' : 'short (15)';
  count(`${regime}: cases`);
  count(`${regime}: seed-premises ${agree(seed, closed) ? '=' : seed < closed ? '<' : '>'} closed form`);
  count(`${regime}: windowed ${agree(windowed, seed) ? '=' : windowed < seed ? '<' : '>'} seed-premises`);
  if (regime === 'short (15)') {
    count(`short (15): windowed ${windowed < eq19DowntimeMs(B, D, x) ? '<' : '>='} eq. (19)`);
    count(`short (15): windowed ${windowed <= eq12DowntimeMs(B, D, x) * (1 + 1e-9) ? '<=' : '>'} x + t* (eq. 12's expression)`);
  }
}
for (const [key, value] of [...counts].sort()) console.log(`${key.padEnd(58)} ${value}`);
