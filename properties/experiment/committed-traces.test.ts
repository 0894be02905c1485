/**
 * The committed QEMU traces hold what the experiment promises: the sweep's grid, the polling period,
 * the machine facts, and two of QEMU's outputs that must agree with each other (the sync count
 * `query-migrate` reports and the syncs QEMU traced). No QEMU is needed: this reads the files.
 */
import { describe, expect, it } from 'vitest';
import { readCommittedTrace } from '../../src/experiment/committed-traces.ts';
import { median } from '../../src/experiment/measured-figures.ts';

const sweep = readCommittedTrace('sweep');
const MIB = 1024 * 1024;

describe('committed sweep', () => {
  it('was recorded on QEMU 7.2 under TCG, with the host and each run\'s load', () => {
    expect(sweep.qemu.version).toMatch(/^7\.2\./);
    expect(sweep.qemu.accelerator).toBe('tcg');
    expect(sweep.host.cores).toBeGreaterThan(0);
    for (const run of sweep.runs) {
      expect(run.loadavgBefore).toHaveLength(3);
      expect(run.loadavgAfter).toHaveLength(3);
    }
  });

  it('crosses max-bandwidth × downtime-limit × working set in at least 24 points', () => {
    const distinct = (values: number[]): number[] => [...new Set(values)].sort((a, b) => a - b);
    expect(sweep.runs.length).toBeGreaterThanOrEqual(24);
    expect(distinct(sweep.runs.map((r) => r.maxBandwidthBytesPerS / MIB))).toEqual([32, 128, 1024]);
    expect(distinct(sweep.runs.map((r) => r.downtimeLimitMs))).toEqual([30, 300]);
    expect(distinct(sweep.runs.map((r) => (r.workingSetPages * 4096) / MIB))).toEqual([4, 16, 48, 96]);
    expect(new Set(sweep.runs.map((r) => r.id)).size).toBe(sweep.runs.length);
  });

  it('polled query-migrate on a 50 ms schedule: 95 % of all gaps are at most 100 ms', () => {
    // A poll waits for QEMU's answer, which a loaded host or a busy QEMU main loop can delay: single gaps
    // of over a second occur (near the switchover), so the promise is held over all gaps, not each.
    const gaps = sweep.runs.flatMap((run) => run.samples.slice(1).map((row, i) => row[0] - run.samples[i][0]));
    const sorted = [...gaps].sort((a, b) => a - b);
    expect(median(gaps)).toBeLessThanOrEqual(60);
    expect(sorted[Math.floor(sorted.length * 0.95)]).toBeLessThanOrEqual(100);
  });

  it('ends each completed run with a completed sample, and QEMU traced as many syncs as query-migrate counted', () => {
    const completed = sweep.runs.filter((run) => run.outcome === 'completed');
    expect(completed.length).toBeGreaterThan(0);
    for (const run of completed) {
      expect(run.samples[run.samples.length - 1][1], run.id).toBe('completed');
      expect(run.syncs.length, run.id).toBe(run.final.dirtySyncCount);
    }
  });

  it('ran every point twice, and started each migration right after a heartbeat whose writer position it kept', () => {
    const points = new Map<string, number>();
    for (const run of sweep.runs) points.set(run.id.replace(/#\d+$/, ''), (points.get(run.id.replace(/#\d+$/, '')) ?? 0) + 1);
    expect([...points.values()].every((count) => count === 2)).toBe(true);
    for (const run of sweep.runs) {
      expect(run.writerAtStart, run.id).toBeDefined();
      expect(run.writerAtStart!.page, run.id).toBeLessThan(run.workingSetPages);
    }
  });

  it('kept the guest\'s progress while it migrated: pages written only grow, and at most as fast as the guest was told', () => {
    for (const run of sweep.runs) {
      const progress = run.guestProgress;
      for (let i = 1; i < progress.length; i++) {
        expect(progress[i][1], run.id).toBeGreaterThan(progress[i - 1][1]);
        // Heartbeats are 250 ms of guest time apart; a poll sees each within a few ms of the 50 ms schedule.
        const rate = ((progress[i][1] - progress[0][1]) * 1000) / (progress[i][0] - progress[0][0]);
        expect(rate, run.id).toBeLessThan(run.guestPagesPerSecond * 1.25);
      }
    }
    // Heartbeats come every 250 ms of guest time: a run of 1.3 s or more has seen at least four (with room for the poll that sees the last).
    // Every run that lasted over a second saw at least two heartbeats, so its write rate during the migration is measured.
    for (const run of sweep.runs.filter((r) => (r.final.totalTimeMs ?? r.timeoutMs) > 1000)) expect(run.guestProgress.length, run.id).toBeGreaterThanOrEqual(2);
  });

  it('measured the guest with calc-dirty-rate before each migration', () => {
    for (const run of sweep.runs) {
      expect(run.calcDirtyRate[0].mode, run.id).toBe('page-sampling');
      expect(run.calcDirtyRate[0].dirtyRateMiBPerS, run.id).not.toBeNull();
    }
  });
});
