/**
 * `npx tsx scripts/exhaustive-space-cost.ts [RUNS]`: the CPU time per case of the exhaustive space's
 * runner (every law, every built-in implementation) on a fixed slice of 12,576 cases: offsets 0, 1,
 * 31, 33; starts 0, 5, 31; every length; both block sizes; every pattern. It prints each run after a
 * warm-up run and the best. CPU time (`process.cpuUsage()`), not wall time, so a loaded machine
 * changes it little; compare two commits by running it on each, alternately.
 */
import { BUILT_IN_IMPLEMENTATIONS } from '../src/sync/implementations.ts';
import { requireInteger } from '../src/check.ts';
import { FULL_SPACE, type SpaceDimensions } from '../properties/sync/exhaustive/exhaustive-space.ts';
import { runSpace } from '../properties/sync/exhaustive/space-run.ts';

const SLICE: SpaceDimensions = { ...FULL_SPACE, offsetMods: [0, 1, 31, 33], startMods: [0, 5, 31] };

const runsText = process.argv[2] ?? '3';
const runs = Number(runsText);
try {
  requireInteger('exhaustive-space-cost', 'RUNS', Number.isNaN(runs) ? runsText : runs, 1, 100);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

const microsecondsPerCase: number[] = [];
for (let run = 0; run <= runs; run++) {
  const started = process.cpuUsage();
  const result = runSpace(BUILT_IN_IMPLEMENTATIONS, SLICE);
  const cpu = process.cpuUsage(started);
  // Run 0 warms the JIT up and is not counted.
  if (run > 0) microsecondsPerCase.push((cpu.user + cpu.system) / result.cases);
}
console.log(`exhaustive space, ${runs} runs of 12,576 cases: ${microsecondsPerCase.map((us) => us.toFixed(1)).join(', ')} µs CPU a case; best ${Math.min(...microsecondsPerCase).toFixed(1)}`);
