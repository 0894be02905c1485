/**
 * The experiment's two plans. The sweep crosses bandwidth limit × downtime limit × working set ×
 * guest write rate; the lost-writes plan repeats migrations whose working set fits in TCG's TLB
 * (where a page's fast-path write entry can outlive a bitmap sync) and controls that does not fit.
 */
import type { MigrationRunSettings } from './migration-run.ts';

const MIB = 1024 * 1024;

function pagesOfMiB(mib: number): number {
  return (mib * MIB) / 4096;
}

/**
 * The sweep: 3 bandwidth limits × 2 downtime limits × 4 working sets × 2 write rates = 48 points,
 * each run `repetitions` times in a row (ids end in `#1`, `#2`, …), so QEMU can be compared with itself.
 * @param timeoutMs - the bound on each migration (ms)
 * @param repetitions - runs per point
 * @returns the runs' settings
 */
export function sweepPlan(timeoutMs: number, repetitions = 1): MigrationRunSettings[] {
  const runs: MigrationRunSettings[] = [];
  for (const pagesPerSecond of [8000, 24_000]) {
    for (const bandwidthMiB of [32, 128, 1024]) {
      for (const downtimeLimitMs of [30, 300]) {
        for (const workingSetMiB of [4, 16, 48, 96]) {
          for (let repetition = 1; repetition <= repetitions; repetition++) {
            runs.push({
              id: `bw${bandwidthMiB}M-dl${downtimeLimitMs}-ws${workingSetMiB}M-r${pagesPerSecond / 1000}k${repetitions > 1 ? `#${repetition}` : ''}`,
              maxBandwidthBytesPerS: bandwidthMiB * MIB,
              downtimeLimitMs,
              workingSetPages: pagesOfMiB(workingSetMiB),
              guestPagesPerSecond: pagesPerSecond,
              timeoutMs,
              verifyMs: 6000,
            });
          }
        }
      }
    }
  }
  return runs;
}

/**
 * The lost-writes plan: a working set rewritten as fast as the vCPU goes, migrated with a downtime
 * limit of 2 ms so the pages found by the second sync are sent while the guest runs, and bandwidth
 * low enough that the first pass outlasts the first 100 ms bandwidth window (otherwise QEMU completes
 * on a pending estimate of 0 without any sync in between). Working sets of 64 and 192 pages fit in
 * TCG's default 256-entry TLB, so a page's fast-path write entry can outlive a sync; 2048 pages do
 * not (entries are evicted and re-armed on refill), the control.
 * @param repetitions - runs per working set
 * @param timeoutMs - the bound on each migration (ms)
 * @returns the runs' settings
 */
export function lostWritesPlan(repetitions: number, timeoutMs: number): MigrationRunSettings[] {
  const runs: MigrationRunSettings[] = [];
  for (const [workingSetPages, bandwidthMiB] of [[64, 1], [192, 1], [2048, 8]] as const) {
    for (let repetition = 1; repetition <= repetitions; repetition++) {
      runs.push({
        id: `lost-ws${workingSetPages}p-bw${bandwidthMiB}M-${repetition}`,
        maxBandwidthBytesPerS: bandwidthMiB * MIB,
        downtimeLimitMs: 2,
        workingSetPages,
        guestPagesPerSecond: 0,
        timeoutMs,
        verifyMs: 4000,
      });
    }
  }
  return runs;
}
