/**
 * The lost-writes check, replayed from the committed traces: what the destinations' guests found and
 * what QEMU's own sync counters said. The expected numbers are the guests' and QEMU's outputs as
 * printed during the recording (`npm run experiment:qemu -- --plan lost-writes`), not this code's.
 */
import { describe, expect, it } from 'vitest';
import { readCommittedTrace } from '../../src/experiment/committed-traces.ts';
import { summariseLostWrites } from '../../src/experiment/lost-write-summary.ts';
import { pagesFoundPerSync } from '../../src/experiment/sync-harvest.ts';

const trace = readCommittedTrace('lost-writes');

describe('pagesFoundPerSync', () => {
  it('splits QEMU 7.2\'s period counter into the pages each sync found, restarting after a sync that ends past 1000 ms', () => {
    // Period starts at 10 ms; the sync ending at 1012 ms closes it, so the next counter starts from 0.
    expect(pagesFoundPerSync([[10, 2, 0], [700, 1, 64], [900, 1, 64], [1010, 2, 100], [1500, 1, 7]])).toEqual([0, 64, 0, 36, 7]);
  });
});

describe('lost writes on QEMU 7.2 under TCG', () => {
  const groups = summariseLostWrites(trace.runs);

  it('was recorded on QEMU 7.2', () => {
    expect(trace.qemu.version).toMatch(/^7\.2\./);
  });

  it('loses writes in every completed migration of a working set that fits in the TLB', () => {
    const inside = groups.filter((group) => group.workingSetPages <= 256);
    expect(inside.map((g) => [g.workingSetPages, g.runs, g.completed, g.checked, g.withLostWrites])).toEqual([
      [64, 5, 5, 5, 5],
      [192, 5, 5, 5, 5],
    ]);
    expect(inside.map((g) => [g.lostWritesTotal, g.lostWritesMax])).toEqual([
      [320, 64],
      [960, 192],
    ]);
  });

  it('shows why in QEMU\'s counters: after the second sync, no sync finds the pages the guest keeps writing', () => {
    const byPages = new Map(groups.map((group) => [group.workingSetPages, group.laterSyncPages]));
    expect(byPages.get(64)).toEqual([0, 0, 0, 0, 0]);
    expect(byPages.get(192)).toEqual([0, 0, 0, 0, 0]);
  });

  it('finds the whole working set at every sync when it is too large for the TLB, so that migration never converges', () => {
    const control = groups.find((group) => group.workingSetPages === 2048);
    expect(control?.completed).toBe(0);
    expect(control?.laterSyncPages).toEqual([2048, 2048, 2048, 2048, 2048]);
  });
});
