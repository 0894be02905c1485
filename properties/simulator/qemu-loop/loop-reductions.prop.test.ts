/**
 * Where the loop model meets the other models: with QEMU's sync rule switched off and the fluid
 * workload it is the windowed-passes simulator; in B it is monotone where the rules say so and shown
 * not to be where they do not.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { simulateMigration } from '../../../src/simulator/migration-simulator.ts';
import { simulateQemuLoop } from '../../../src/simulator/qemu-loop/migration-loop.ts';
import { property } from '../../fast-check-property.ts';
import { guestPages, linkBytesPerMs } from './loop-arbitraries.ts';

const RUNS = 25;

const fluidCase = fc.record({
  pages: guestPages,
  link: linkBytesPerMs,
  ratio: fc.double({ min: 0.05, max: 0.9, noNaN: true }),
  syncMs: fc.double({ min: 0.5, max: 150, noNaN: true }),
  downtimeLimitMs: fc.double({ min: 1, max: 1000, noNaN: true }),
});

describe('with the constant workload and a sync every drain', () => {
  test('completes exactly when windowed-passes converges, after the same syncs, at its stop time plus the real downtime', property([fluidCase], ({ pages, link, ratio, syncMs, downtimeLimitMs }) => {
    const memoryBytes = pages * 4096;
    const fluid = { bandwidthBytesPerMs: link, dirtyRateBytesPerMs: ratio * link, syncMs, memoryBytes };
    // The loop holds a log of less than one page back (pages are whole); the fluid model has no pages.
    fc.pre(ratio * link * syncMs >= 4096);
    const cap = 400;
    const stop = simulateMigration(fluid, downtimeLimitMs, 'windowed-passes', cap);
    // A limit within float noise of a stop ratio is a tie the two float paths may break differently.
    fc.pre(stop.converged === simulateMigration(fluid, downtimeLimitMs * (1 - 1e-9), 'windowed-passes', cap).converged);
    fc.pre(stop.converged === simulateMigration(fluid, downtimeLimitMs * (1 + 1e-9), 'windowed-passes', cap).converged);
    const loop = simulateQemuLoop({
      memoryBytes, linkBandwidthBytesPerMs: link, maxBandwidthBytesPerSecond: 0, downtimeLimitMs, ruleSet: 'every-drain',
      workload: { kind: 'constant', dirtyRateBytesPerMs: ratio * link }, syncCost: { kind: 'constant', syncMs }, maxTimeMs: stop.elapsedMs * (stop.converged ? 2 : 1), trace: false,
    });
    expect(loop.converged).toBe(stop.converged);
    if (!stop.converged) return;
    expect(loop.dirtySyncCount).toBe(stop.iterations + 2);
    expect((loop.totalTimeMs - loop.downtimeMs!) / stop.elapsedMs).toBeCloseTo(1, 9);
    expect(loop.downtimeMs! / (syncMs + stop.pendingBytes / link)).toBeCloseTo(1, 9);
  }, RUNS));
});

describe('in the link bandwidth B', () => {
  test('is monotone with x = 0 and a sync every drain: what completes at B completes at any greater B', property([fluidCase, fc.double({ min: 1.01, max: 3, noNaN: true })], ({ pages, link, ratio, downtimeLimitMs }, factor) => {
    const memoryBytes = pages * 4096;
    const completes = (linkBandwidthBytesPerMs: number) => simulateQemuLoop({
      memoryBytes, linkBandwidthBytesPerMs, maxBandwidthBytesPerSecond: 0, downtimeLimitMs, ruleSet: 'every-drain',
      workload: { kind: 'constant', dirtyRateBytesPerMs: ratio * link }, syncCost: { kind: 'constant', syncMs: 0 }, maxTimeMs: 60_000, trace: false,
    }).converged;
    fc.pre(memoryBytes / link >= 100 && completes(link));
    expect(completes(link * factor)).toBe(true);
  }, RUNS));

  test('is not monotone with QEMU\'s sync rule: 64 GiB, D = 10 GB/s, x = 73 ms, y = 160 ms completes at 15.66 and 15.72 GB/s, not at 15.70', () => {
    // Which syncs the estimate triggers, and which window a sync lands in, depend on B.
    const completes = (gbps: number) => simulateQemuLoop({
      memoryBytes: 64 * 2 ** 30, linkBandwidthBytesPerMs: gbps * 1e6, maxBandwidthBytesPerSecond: 0, downtimeLimitMs: 160,
      workload: { kind: 'constant', dirtyRateBytesPerMs: 10e6 }, syncCost: { kind: 'constant', syncMs: 73 }, maxTimeMs: 120_000, trace: false,
    }).converged;
    expect([15.66, 15.7, 15.72].map(completes)).toEqual([true, false, true]);
  });
});
