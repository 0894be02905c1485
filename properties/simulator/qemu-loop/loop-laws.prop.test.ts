/**
 * The laws of the loop model: conservation, the real downtime, the classic geometric series it reduces
 * to, and the rate limit.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { simulateQemuLoop } from '../../../src/simulator/qemu-loop/migration-loop.ts';
import { property } from '../../fast-check-property.ts';
import { guestPages, linkBytesPerMs, loopCase } from './loop-arbitraries.ts';

const RUNS = 25;

describe('simulateQemuLoop', () => {
  test('conserves pages: what was sent plus what is pending is all of RAM plus every page a sync newly set', property([loopCase], (p) => {
    const run = simulateQemuLoop({ ...p, trace: false });
    expect(run.sentPages * 4096 + run.pendingBytes).toBeCloseTo(run.harvestedBytes, -Math.ceil(Math.log10(run.harvestedBytes)) + 9);
    // On the wire a page of zeros costs a header, so bytes sent fall short of pages sent by at most that.
    expect(run.sentBytes).toBeLessThanOrEqual(run.sentPages * 4096 * (1 + 1e-12));
    if (run.converged) expect(run.pendingBytes).toBe(0);
  }, RUNS));

  test('never has more pending than RAM, and its trace runs forward in time', property([loopCase], (p) => {
    const run = simulateQemuLoop(p);
    let previousMs = 0;
    for (const row of run.trace) {
      expect(row.pendingBytes).toBeLessThanOrEqual(p.memoryBytes * (1 + 1e-12));
      expect(row.pendingBytes).toBeGreaterThanOrEqual(0);
      expect(row.timeMs).toBeGreaterThanOrEqual(previousMs);
      previousMs = row.timeMs;
    }
  }, RUNS));

  test('has a real downtime of at least the final sync, and the final sync in its sync count', property([loopCase], (p) => {
    const run = simulateQemuLoop({ ...p, trace: false });
    fc.pre(run.converged);
    expect(run.downtimeMs).not.toBeNull();
    expect(run.downtimeMs!).toBeGreaterThanOrEqual(run.finalSyncMs!);
    if (p.syncCost.kind === 'constant') expect(run.finalSyncMs!).toBeCloseTo(p.syncCost.syncMs, 9);
    expect(run.dirtySyncCount).toBeGreaterThanOrEqual(2);
  }, RUNS));

  test('sends no more than max-bandwidth allows before completion: a tenth of it per window of at least 100 ms', property([loopCase], (p) => {
    fc.pre(p.maxBandwidthBytesPerSecond !== 0);
    const run = simulateQemuLoop({ ...p, trace: false });
    const lastSendMs = run.converged ? run.downtimeMs! - run.finalSyncMs! : 0;
    const beforeCompletionBytes = run.sentBytes - lastSendMs * p.linkBandwidthBytesPerMs;
    const windows = Math.floor((run.totalTimeMs - (run.downtimeMs ?? 0)) / 100) + 1;
    expect(beforeCompletionBytes).toBeLessThanOrEqual((p.maxBandwidthBytesPerSecond! / 10) * windows * (1 + 1e-9));
  }, RUNS));

  test('sends a page dirtied twice, or dirtied while pending, once: a sync adds at most the working set', property([loopCase], (p) => {
    fc.pre(p.workload.kind === 'working-set');
    const run = simulateQemuLoop({ ...p, trace: false });
    const workingSetBytes = (p.workload.kind === 'working-set' ? p.workload.workingSetPages : 0) * 4096;
    expect(run.harvestedBytes - p.memoryBytes).toBeLessThanOrEqual((run.dirtySyncCount - 1) * workingSetBytes * (1 + 1e-9));
  }, RUNS));
});

describe('with x = 0 and a sync every drain', () => {
  const inputs = fc.record({
    pages: guestPages,
    link: linkBytesPerMs,
    ratio: fc.double({ min: 0.05, max: 0.9, noNaN: true }),
    downtimeLimitMs: fc.double({ min: 1, max: 1000, noNaN: true }),
  });

  test('reduces to the geometric series: M·r^k pending after k rounds, stopping at the first k >= 1 with M·r^k <= B·y', property([inputs], ({ pages, link, ratio, downtimeLimitMs }) => {
    const memoryBytes = pages * 4096;
    // The first window must close inside the first round, so that its measurement (exactly B) exists.
    fc.pre(memoryBytes / link >= 100);
    const thresholdBytes = link * downtimeLimitMs;
    let rounds = 1;
    while (memoryBytes * ratio ** rounds > thresholdBytes) rounds++;
    // Stay away from a tie, where float rounding decides.
    fc.pre(Math.abs(Math.log((memoryBytes * ratio ** rounds) / thresholdBytes)) > 1e-6 && Math.abs(Math.log((memoryBytes * ratio ** (rounds - 1)) / thresholdBytes)) > 1e-6);
    const run = simulateQemuLoop({
      memoryBytes, linkBandwidthBytesPerMs: link, maxBandwidthBytesPerSecond: 0, downtimeLimitMs,
      workload: { kind: 'constant', dirtyRateBytesPerMs: ratio * link }, syncCost: { kind: 'constant', syncMs: 0 }, ruleSet: 'every-drain', trace: false,
    });
    const sendingMs = (memoryBytes / link) * ((1 - ratio ** rounds) / (1 - ratio));
    const downtimeMs = (memoryBytes * ratio ** rounds) / link;
    expect(run.converged).toBe(true);
    expect(run.dirtySyncCount).toBe(rounds + 2);
    expect(run.downtimeMs!).toBeCloseTo(downtimeMs, 6);
    expect(run.totalTimeMs / (sendingMs + downtimeMs)).toBeCloseTo(1, 9);
  }, RUNS));
});
