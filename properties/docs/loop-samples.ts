/**
 * The outputs docs/migration-loop.md shows, each computed from the current code by its sample id.
 */
import { main } from '../../src/cli/dirty-sync-oracle.ts';
import { loopComparison, renderLoopComparison } from '../../src/convergence/loop-comparison.ts';
import { SEED_VM_MEMORY_BYTES } from '../../src/convergence/threshold-comparison.ts';
import { downtimeDips } from '../../src/simulator/downtime-dips.ts';

async function cli(argv: string[]): Promise<string> {
  const out: string[] = [];
  const code = await main(argv, { stdout: (text) => out.push(text), stderr: (text) => out.push(text) });
  return [`$ npx dirty-sync-oracle ${argv.map((arg) => (/\s/.test(arg) ? `"${arg}"` : arg)).join(' ')}`, ...out, ...(code === 0 ? [] : [`(exit ${code})`])].join('\n');
}

/** The windowed-passes least limits over x = 40 … 80 ms that fall as x grows (B = 15, D = 10 GB/s, 256 GiB). */
export function dipsSample(): string {
  const syncTimesMs = Array.from({ length: 41 }, (_, i) => 40 + i);
  return downtimeDips(15e6, 10e6, SEED_VM_MEMORY_BYTES, syncTimesMs, 'windowed-passes')
    .map((dip) => `x = ${dip.fromSyncMs} ms: ${dip.fromDowntimeMs.toFixed(2)} ms  ->  x = ${dip.toSyncMs} ms: ${dip.toDowntimeMs.toFixed(2)} ms`)
    .join('\n');
}

/** The comparison of the seed's points across every model. */
export function comparisonSample(): string {
  return renderLoopComparison(loopComparison());
}

/**
 * Every sample by id (the expensive comparison only when asked).
 * @param withComparison - whether to compute the comparison table
 * @returns id → text, once computed
 */
export async function loopSampleTexts(withComparison = true): Promise<Record<string, string>> {
  return {
    'loop-predict': await cli(['predict', '--dirty-curve', 'examples/dirty-curves/sample.json']),
    'loop-simulate': await cli(['simulate', '--bandwidth', '15 GB/s', '--downtime', '150 ms', '--sync', '73 ms', '--dirty-rate', '8 GB/s', '--max-bandwidth', '0']),
    'loop-dips': dipsSample(),
    ...(withComparison ? { 'loop-comparison': comparisonSample() } : {}),
  };
}
