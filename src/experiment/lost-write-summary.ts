/**
 * The lost-writes check in figures: per working set, how many migrations completed, how many lost
 * writes their destinations found, and what QEMU's own counters say about the syncs after the first
 * harvest of the working set.
 */
import type { ExperimentRun } from './experiment-trace.ts';
import { median } from './measured-figures.ts';
import { pagesFoundPerSync } from './sync-harvest.ts';

/** The runs of one working set. */
export interface LostWriteGroup {
  readonly workingSetPages: number;
  readonly maxBandwidthBytesPerS: number;
  readonly runs: number;
  readonly completed: number;
  /** Completed runs whose destination guest reported its full count (a heartbeat after the switchover). */
  readonly checked: number;
  /** Checked runs with at least one lost write. */
  readonly withLostWrites: number;
  /** Lost writes over the checked runs, and the most in one run. */
  readonly lostWritesTotal: number;
  readonly lostWritesMax: number;
  /**
   * Per run, the median pages found by the syncs after the second (the second harvests the working
   * set that the first pass left dirty); null for a run with no such sync. A guest that keeps writing
   * its whole working set should be found again by each of them.
   */
  readonly laterSyncPages: readonly (number | null)[];
}

/**
 * Groups lost-writes runs by working set.
 * @param runs - the recorded runs
 * @returns one group per working set, in order of size
 */
export function summariseLostWrites(runs: readonly ExperimentRun[]): LostWriteGroup[] {
  const keys = [...new Set(runs.map((run) => `${run.workingSetPages}/${run.maxBandwidthBytesPerS}`))];
  return keys
    .map((key) => {
      const group = runs.filter((run) => `${run.workingSetPages}/${run.maxBandwidthBytesPerS}` === key);
      const checked = group.filter((run) => run.destination !== null && run.destination.lostWritesExact);
      const lost = checked.map((run) => run.destination?.lostWrites ?? 0);
      return {
        workingSetPages: group[0].workingSetPages,
        maxBandwidthBytesPerS: group[0].maxBandwidthBytesPerS,
        runs: group.length,
        completed: group.filter((run) => run.outcome === 'completed').length,
        checked: checked.length,
        withLostWrites: lost.filter((count) => count > 0).length,
        lostWritesTotal: lost.reduce((a, b) => a + b, 0),
        lostWritesMax: Math.max(0, ...lost),
        laterSyncPages: group.map((run) => median(pagesFoundPerSync(run.syncs).slice(2))),
      };
    })
    .sort((a, b) => a.workingSetPages - b.workingSetPages);
}
