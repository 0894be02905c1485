/**
 * The page-by-page migration bitmap of a sweeping writer, against cases worked out by hand: which
 * pages the cursor sends, which a harvest finds new, and which sends are first sends.
 */
import { describe, expect, test } from 'vitest';
import { fluidMigrationPages } from '../../../src/simulator/qemu-loop/migration-pages.ts';
import { sweepMigrationPages } from '../../../src/simulator/qemu-loop/sweep-pages.ts';
import { simulateQemuLoop } from '../../../src/simulator/qemu-loop/migration-loop.ts';
import { createMigrationPages } from '../../../src/simulator/qemu-loop/workloads.ts';

// 100 pages, the working set is all of them, one page written per ms.
const writer = (startOffset: number) => ({ firstPage: 0, workingSetPages: 100, pagesPerMs: 1, startOffset });

describe('sweepMigrationPages', () => {
  test('a writer behind the cursor re-dirties pages already sent: every harvested page is new', () => {
    const pages = sweepMigrationPages(writer(0), 100);
    expect(pages.send(30)).toEqual({ sent: 30, firstSends: 30 });
    pages.guestRan(10); // writes pages 0..9, all sent
    expect(pages.loggedPages()).toBe(10);
    expect(pages.harvest()).toBe(10);
    expect(pages.pendingPages()).toBe(80);
    expect(pages.loggedPages()).toBe(0);
  });

  test('a writer ahead of the cursor dirties pages still pending: a harvest finds nothing new', () => {
    const pages = sweepMigrationPages(writer(50), 100);
    expect(pages.send(30).sent).toBe(30);
    pages.guestRan(10); // writes pages 50..59, not yet sent
    expect(pages.harvest()).toBe(0);
    expect(pages.pendingPages()).toBe(70);
  });

  test('the cursor carries on from where it stopped and wraps to page 0, where sends are re-sends', () => {
    const pages = sweepMigrationPages(writer(0), 100);
    pages.send(30);
    pages.guestRan(10);
    pages.harvest();
    // Pages 30..99 go for the first time, then the cursor wraps to the re-dirtied 0..9.
    expect(pages.send(80)).toEqual({ sent: 80, firstSends: 70 });
    expect(pages.pendingPages()).toBe(0);
  });

  test('the writer wraps inside its set, which need not start at page 0', () => {
    const pages = sweepMigrationPages({ firstPage: 20, workingSetPages: 10, pagesPerMs: 1, startOffset: 8 }, 100);
    pages.send(100);
    pages.guestRan(4); // set pages 8, 9, 0, 1: memory pages 28, 29, 20, 21
    expect(pages.harvest()).toBe(4);
    // Pending are exactly 20, 21, 28, 29: the cursor (back at 0) reaches 20 and 21 first, then 28.
    expect(pages.send(3)).toEqual({ sent: 3, firstSends: 0 });
    expect(pages.pendingPages()).toBe(1);
  });

  test('a writer faster than its set logs each page once', () => {
    const pages = sweepMigrationPages({ firstPage: 0, workingSetPages: 10, pagesPerMs: 1, startOffset: 0 }, 100);
    pages.send(100);
    pages.guestRan(1000);
    expect(pages.loggedPages()).toBe(10);
    expect(pages.harvest()).toBe(10);
  });

  test('whole pages go: fractions of a page add up until one can be sent', () => {
    const pages = sweepMigrationPages(writer(0), 100);
    expect(pages.send(0.5).sent).toBe(0);
    expect(pages.send(0.5).sent).toBe(1);
    pages.guestRan(0.4);
    pages.guestRan(0.4);
    expect(pages.loggedPages()).toBe(0);
    pages.guestRan(0.4); // 1.2 writes: page 0 is done
    expect(pages.loggedPages()).toBe(1);
  });
});

describe('fluidMigrationPages', () => {
  test('counts first sends: all of RAM once, never a harvested page', () => {
    const pages = fluidMigrationPages({ targetPages: null, distinctPagesAfter: (ms) => ms }, 100);
    expect(pages.send(40)).toEqual({ sent: 40, firstSends: 40 });
    pages.guestRan(10);
    expect(pages.harvest()).toBe(10);
    // 70 pending, 60 of them never sent: a uniform sample of 35 holds 30 first sends.
    expect(pages.send(35)).toEqual({ sent: 35, firstSends: 30 });
    expect(pages.send(35)).toEqual({ sent: 35, firstSends: 30 });
  });
});

describe('createMigrationPages', () => {
  test('checks a sweep against the guest and names the parameter', () => {
    expect(() => createMigrationPages('f', { kind: 'sweep', firstPage: 90, workingSetPages: 20, pagesPerSecond: 1 }, 100, 4096)).toThrow(/f: workload\.workingSetPages .*20/);
    expect(() => createMigrationPages('f', { kind: 'sweep', firstPage: 0, workingSetPages: 10, pagesPerSecond: -1 }, 100, 4096)).toThrow(RangeError);
    expect(() => createMigrationPages('f', { kind: 'sweep', firstPage: 0, workingSetPages: 10, pagesPerSecond: 1, writerStartOffset: 10 }, 100, 4096)).toThrow(/writerStartOffset/);
  });
});

describe('the loop with a first-send speed, a setup cost and a switchover cost', () => {
  test('an idle guest takes setup + sync + RAM at the first-send speed + final sync, and its downtime is the final sync and the switchover', () => {
    // 1000 pages of 4 KiB at 100,000 bytes/ms: 40.96 ms, inside the first window, so QEMU 7.2 completes on a pending estimate of 0.
    const run = simulateQemuLoop({
      memoryBytes: 1000 * 4096, linkBandwidthBytesPerMs: 1e6, firstSendBandwidthBytesPerMs: 1e5, maxBandwidthBytesPerSecond: 0, downtimeLimitMs: 300,
      workload: { kind: 'constant', dirtyRateBytesPerMs: 0 }, syncCost: { kind: 'constant', syncMs: 2 }, ruleSet: 'qemu-7.2', setupCostMs: 5, switchoverCostMs: 3,
    });
    expect(run.converged).toBe(true);
    expect(run.totalTimeMs).toBeCloseTo(5 + 2 + 40.96 + 2 + 3, 9);
    expect(run.downtimeMs).toBeCloseTo(2 + 3, 9);
    expect(run.dirtySyncCount).toBe(2);
  });
});
