/**
 * The experiment's figures as plain text, for the terminal and for the samples in the documentation
 * (which a test holds against this output, so they cannot go stale).
 */
import type { ExperimentTrace } from './experiment-trace.ts';
import type { LostWriteGroup } from './lost-write-summary.ts';
import { median } from './measured-figures.ts';
import { pointOf } from './repeatability.ts';

const MIB = 1024 * 1024;

/**
 * What the sweep measured, before any model: outcomes, downtimes against their limits, polling and load.
 * @param sweep - the recorded sweep
 * @returns lines of text
 */
export function sweepText(sweep: ExperimentTrace): string[] {
  const runs = sweep.runs;
  const completed = runs.filter((run) => run.outcome === 'completed');
  const overLimit = completed.filter((run) => (run.final.downtimeMs ?? 0) > run.downtimeLimitMs);
  const gaps = runs.flatMap((run) => run.samples.slice(1).map((row, i) => row[0] - run.samples[i][0])).sort((a, b) => a - b);
  const loads = runs.map((run) => run.loadavgBefore[0]);
  const checked = completed.filter((run) => run.destination !== null && run.destination.roundsChecked > 0);
  const lost = checked.filter((run) => (run.destination?.lostWrites ?? 0) > 0);
  return [
    `QEMU ${sweep.qemu.version} (${sweep.qemu.package}), TCG, machine ${sweep.qemu.machine}; host ${sweep.host.cores} cores, 1-min load ${Math.min(...loads)}–${Math.max(...loads)}`,
    `${runs.length} runs of ${new Set(runs.map((run) => pointOf(run.id))).size} points: ${completed.length} completed within ${Math.max(...runs.map((run) => run.timeoutMs)) / 1000} s, ${runs.length - completed.length} did not`,
    `real downtime above the downtime limit in ${overLimit.length} of ${completed.length} completed runs (largest ${Math.max(0, ...overLimit.map((run) => run.final.downtimeMs ?? 0))} ms)`,
    `query-migrate samples: ${gaps.length + runs.length}; gap median ${median(gaps)} ms, 95th percentile ${gaps[Math.floor(gaps.length * 0.95)]} ms, largest ${gaps[gaps.length - 1]} ms`,
    `destination checks: ${checked.length} runs checked at least one full round, ${lost.length} found lost writes`,
  ];
}

/**
 * The lost-writes check, one line per working set.
 * @param groups - the groups of `summariseLostWrites`
 * @returns lines of text
 */
export function lostWritesText(groups: readonly LostWriteGroup[]): string[] {
  return groups.map((g) => {
    const later = g.laterSyncPages.map((pages) => (pages === null ? '-' : String(pages))).join(' ');
    return `working set ${String(g.workingSetPages).padStart(4)} pages at ${g.maxBandwidthBytesPerS / MIB} MiB/s: ${g.completed}/${g.runs} completed, ${g.withLostWrites}/${g.checked} checked lost writes (${g.lostWritesTotal} in all, at most ${g.lostWritesMax}); pages found per later sync: ${later}`;
  });
}
