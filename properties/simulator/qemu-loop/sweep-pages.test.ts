/**
 * The migration bitmap, page by page (a sweeping writer) and in expected counts, against cases worked
 * out by hand: which pages the cursor sends, which a harvest finds new, what sends cost.
 */
import { describe, expect, test } from 'vitest';
import { fluidMigrationPages, type MigrationPages } from '../../../src/simulator/qemu-loop/migration-pages.ts';
import { simulateQemuLoop, ZERO_PAGE_BYTES } from '../../../src/simulator/qemu-loop/migration-loop.ts';
import { sweepMigrationPages } from '../../../src/simulator/qemu-loop/sweep-pages.ts';
import { createMigrationPages } from '../../../src/simulator/qemu-loop/workloads.ts';

// A data page costs 4096 bytes: 4.096 ms for a first send, 0.4096 ms for a re-send; a zero page 9 bytes.
const COSTS = { pageBytes: 4096, zeroPageBytes: 9, firstSendMsPerByte: 1e-3, msPerByte: 1e-4 };
/** Sends exactly n data pages: the byte limit is reached after the n-th. */
const sendPages = (pages: MigrationPages, n: number) => pages.send({ maxMs: Number.POSITIVE_INFINITY, maxBytes: n * 4096 }, COSTS);

// 100 pages, the working set is all of them, one page written per ms.
const writer = (startOffset: number) => ({ firstPage: 0, workingSetPages: 100, pagesPerMs: 1, startOffset });

describe('sweepMigrationPages', () => {
  test('a writer behind the cursor re-dirties pages already sent: every harvested page is new', () => {
    const pages = sweepMigrationPages(writer(0), 100, 0);
    const sent = sendPages(pages, 30);
    expect([sent.pages, sent.bytes, sent.spentBytes]).toEqual([30, 30 * 4096, false]);
    expect(sent.ms).toBeCloseTo(30 * 4.096, 9);
    pages.guestRan(10); // writes pages 0..9, all sent
    expect(pages.loggedPages()).toBe(10);
    expect(pages.harvest()).toBe(10);
    expect(pages.pendingPages()).toBe(80);
    expect(pages.loggedPages()).toBe(0);
  });

  test('a writer ahead of the cursor dirties pages still pending: a harvest finds nothing new', () => {
    const pages = sweepMigrationPages(writer(50), 100, 0);
    expect(sendPages(pages, 30).pages).toBe(30);
    pages.guestRan(10); // writes pages 50..59, not yet sent
    expect(pages.harvest()).toBe(0);
    expect(pages.pendingPages()).toBe(70);
  });

  test('the cursor carries on from where it stopped and wraps to page 0, where sends are re-sends', () => {
    const pages = sweepMigrationPages(writer(0), 100, 0);
    sendPages(pages, 30);
    pages.guestRan(10);
    pages.harvest();
    // Pages 30..99 go for the first time (4.096 ms each), then the cursor wraps to the re-dirtied 0..9 (0.4096 ms each).
    const sent = sendPages(pages, 80);
    expect(sent.pages).toBe(80);
    expect(sent.ms).toBeCloseTo(70 * 4.096 + 10 * 0.4096, 9);
    expect(pages.pendingPages()).toBe(0);
  });

  test('the writer wraps inside its set, which need not start at page 0', () => {
    const pages = sweepMigrationPages({ firstPage: 20, workingSetPages: 10, pagesPerMs: 1, startOffset: 8 }, 100, 0);
    sendPages(pages, 100);
    pages.guestRan(4); // set pages 8, 9, 0, 1: memory pages 28, 29, 20, 21
    expect(pages.harvest()).toBe(4);
    // Pending are exactly 20, 21, 28, 29: the cursor (back at 0) reaches 20 and 21 first, then 28.
    expect(sendPages(pages, 3).ms).toBeCloseTo(3 * 0.4096, 9);
    expect(pages.pendingPages()).toBe(1);
  });

  test('a writer faster than its set logs each page once', () => {
    const pages = sweepMigrationPages({ firstPage: 0, workingSetPages: 10, pagesPerMs: 1, startOffset: 0 }, 100, 0);
    sendPages(pages, 100);
    pages.guestRan(1000);
    expect(pages.loggedPages()).toBe(10);
    expect(pages.harvest()).toBe(10);
  });

  test('pages are whole: a fraction of a write logs nothing until the page is done', () => {
    const pages = sweepMigrationPages(writer(0), 100, 0);
    pages.guestRan(0.4);
    pages.guestRan(0.4);
    expect(pages.loggedPages()).toBe(0);
    pages.guestRan(0.4); // 1.2 writes: page 0 is done
    expect(pages.loggedPages()).toBe(1);
  });

  test('checks its limits before each page, as ram_save_iterate does: it overshoots by at most one page', () => {
    const pages = sweepMigrationPages(writer(0), 100, 0);
    expect(pages.send({ maxMs: 10, maxBytes: Number.POSITIVE_INFINITY }, COSTS).pages).toBe(3); // 0, 4.096, 8.192 ms < 10
    expect(pages.send({ maxMs: Number.POSITIVE_INFINITY, maxBytes: 1 }, COSTS).pages).toBe(1);
  });

  test('pages of zeros are the lowest outside the working set, pending until sent, and cost a header', () => {
    // Working set 10..19; zero pages 0..9 and 20..24; data pages outside the set: 25..99.
    const pages = sweepMigrationPages({ firstPage: 10, workingSetPages: 10, pagesPerMs: 0, startOffset: 0 }, 100, 15);
    expect(pages.pendingPages()).toBe(100);
    const sent = pages.send({ maxMs: Number.POSITIVE_INFINITY, maxBytes: Number.POSITIVE_INFINITY }, COSTS);
    expect(sent.pages).toBe(100);
    expect(sent.bytes).toBe(15 * 9 + 85 * 4096);
    expect(sent.ms).toBeCloseTo(15 * 9 * 1e-4 + 85 * 4.096, 9);
  });
});

describe('sweepMigrationPages at its edges', () => {
  // One page per ms for every page, so a time limit counts pages exactly.
  const PAGE_MS = { pageBytes: 4096, zeroPageBytes: 9, firstSendMsPerByte: 1 / 4096, msPerByte: 1 / 4096 };

  test('stops at a limit reached exactly: a page is sent only while time and bytes are strictly below their limits', () => {
    const pages = sweepMigrationPages(writer(0), 100, 0);
    expect(pages.send({ maxMs: 2, maxBytes: Number.POSITIVE_INFINITY }, PAGE_MS).pages).toBe(2);
    expect(pages.send({ maxMs: Number.POSITIVE_INFINITY, maxBytes: 2 * 4096 }, PAGE_MS).pages).toBe(2);
    expect(pages.pendingPages()).toBe(96);
  });

  test('makes zeros of exactly the lowest pages outside the working set, whichever side of it they lie', () => {
    // Working set 10..19, 15 zero pages: 0..9 and 20..24. A send under a budget of 10 headers, 10 pages and one
    // byte walks pages 0..20 (the limit is checked before each page): page 20 is a zero page, 9 bytes.
    const pages = sweepMigrationPages({ firstPage: 10, workingSetPages: 10, pagesPerMs: 1, startOffset: 0 }, 100, 15);
    const sent = pages.send({ maxMs: Number.POSITIVE_INFINITY, maxBytes: 10 * 9 + 10 * 4096 + 1 }, PAGE_MS);
    expect([sent.pages, sent.bytes]).toEqual([21, 11 * 9 + 10 * 4096]);
    pages.send({ maxMs: Number.POSITIVE_INFINITY, maxBytes: Number.POSITIVE_INFINITY }, PAGE_MS);
    // The set's first and last pages hold data: rewritten and re-sent, they cost a page each.
    pages.guestRan(10);
    expect(pages.harvest()).toBe(10);
    expect(pages.send({ maxMs: Number.POSITIVE_INFINITY, maxBytes: Number.POSITIVE_INFINITY }, PAGE_MS).bytes).toBe(10 * 4096);
  });

  test('skips to the next pending page and clears each page it sends, so a page dirtied again after its re-send is new again', () => {
    const pages = sweepMigrationPages({ firstPage: 40, workingSetPages: 10, pagesPerMs: 1, startOffset: 0 }, 100, 0);
    pages.send({ maxMs: Number.POSITIVE_INFINITY, maxBytes: Number.POSITIVE_INFINITY }, PAGE_MS);
    pages.guestRan(10); // pages 40..49
    expect(pages.harvest()).toBe(10);
    // The cursor, back at page 0, skips 0..39 and re-sends 40..49: one ms each.
    expect(pages.send({ maxMs: Number.POSITIVE_INFINITY, maxBytes: Number.POSITIVE_INFINITY }, PAGE_MS)).toEqual({ pages: 10, bytes: 10 * 4096, ms: 10, spentBytes: false });
    pages.guestRan(10); // the same pages again
    expect(pages.harvest()).toBe(10);
    expect(pages.pendingPages()).toBe(10);
  });

  test('logs a page written twice before a sync once, and again after the sync has harvested it', () => {
    const pages = sweepMigrationPages({ firstPage: 0, workingSetPages: 10, pagesPerMs: 1, startOffset: 0 }, 100, 0);
    pages.send({ maxMs: Number.POSITIVE_INFINITY, maxBytes: Number.POSITIVE_INFINITY }, PAGE_MS);
    pages.guestRan(8); // pages 0..7
    pages.guestRan(8); // pages 8, 9, 0..5
    expect(pages.loggedPages()).toBe(10);
    expect(pages.harvest()).toBe(10);
    expect(pages.send({ maxMs: Number.POSITIVE_INFINITY, maxBytes: Number.POSITIVE_INFINITY }, PAGE_MS).pages).toBe(10);
    pages.guestRan(3); // pages 6, 7, 8: harvested before, logged afresh
    expect(pages.loggedPages()).toBe(3);
    expect(pages.harvest()).toBe(3);
  });
});

describe('fluidMigrationPages', () => {
  test('counts first sends: all data pages once, never a harvested page', () => {
    const pages = fluidMigrationPages({ targetPages: null, distinctPagesAfter: (ms) => ms }, 100, 0);
    expect(sendPages(pages, 40).ms).toBeCloseTo(40 * 4.096, 9);
    pages.guestRan(10);
    expect(pages.harvest()).toBe(10);
    // 70 pending, 60 of them never sent: a uniform sample of 35 holds 30 first sends and 5 re-sends.
    expect(sendPages(pages, 35).ms).toBeCloseTo(30 * 4.096 + 5 * 0.4096, 9);
  });

  test('spreads pages of zeros over a send like the others: 20 of 100 pages cost a header each', () => {
    const pages = fluidMigrationPages({ targetPages: 80, distinctPagesAfter: () => 0 }, 100, 20);
    // Half the pending pages: 10 zero pages (90 bytes) and 40 data pages.
    const sent = pages.send({ maxMs: Number.POSITIVE_INFINITY, maxBytes: (10 * 9 + 40 * 4096) }, COSTS);
    expect(sent.pages).toBeCloseTo(50, 9);
    expect(sent.spentBytes).toBe(true);
    expect(sent.ms).toBeCloseTo(10 * 9 * 1e-4 + 40 * 4.096, 9);
  });

  test('never lets writes land on pages of zeros: a constant workload refills only data pages', () => {
    const pages = fluidMigrationPages({ targetPages: null, distinctPagesAfter: (ms) => ms }, 100, 20);
    pages.send({ maxMs: Number.POSITIVE_INFINITY, maxBytes: Number.POSITIVE_INFINITY }, COSTS);
    pages.guestRan(1000);
    expect(pages.harvest()).toBe(80);
  });
});

describe('createMigrationPages', () => {
  test('checks a sweep and the pages of zeros against the guest, and names the parameter', () => {
    expect(() => createMigrationPages('f', { kind: 'sweep', firstPage: 90, workingSetPages: 20, pagesPerSecond: 1 }, 100, 4096, 0)).toThrow(/f: workload\.workingSetPages .*20/);
    expect(() => createMigrationPages('f', { kind: 'sweep', firstPage: 0, workingSetPages: 10, pagesPerSecond: -1 }, 100, 4096, 0)).toThrow(RangeError);
    expect(() => createMigrationPages('f', { kind: 'sweep', firstPage: 0, workingSetPages: 10, pagesPerSecond: 1, writerStartOffset: 10 }, 100, 4096, 0)).toThrow(/writerStartOffset/);
    expect(() => createMigrationPages('f', { kind: 'sweep', firstPage: 0, workingSetPages: 10, pagesPerSecond: 1 }, 100, 4096, 91)).toThrow(/f: zeroPages .*91/);
    expect(() => createMigrationPages('f', { kind: 'working-set', workingSetPages: 60, dirtyRatePagesPerSecond: 1 }, 100, 4096, 41)).toThrow(/zeroPages/);
  });
});

describe('the loop with a first-send speed, pages of zeros, a setup cost and a switchover cost', () => {
  test('an idle guest takes setup + sync + data pages at the first-send speed + zero headers + final sync, and its downtime is the final sync and the switchover', () => {
    // 1000 pages, 200 of them zeros: 800 × 4096 bytes at 100,000 bytes/ms = 32.768 ms, 200 × 9 bytes at 1e6 bytes/ms,
    // inside the first window, so QEMU 7.2 completes on a pending estimate of 0.
    const run = simulateQemuLoop({
      memoryBytes: 1000 * 4096, linkBandwidthBytesPerMs: 1e6, firstSendBandwidthBytesPerMs: 1e5, maxBandwidthBytesPerSecond: 0, downtimeLimitMs: 300, zeroPages: 200,
      workload: { kind: 'constant', dirtyRateBytesPerMs: 0 }, syncCost: { kind: 'constant', syncMs: 2 }, ruleSet: 'qemu-7.2', setupCostMs: 5, switchoverCostMs: 3,
    });
    expect(run.converged).toBe(true);
    expect(run.totalTimeMs).toBeCloseTo(5 + 2 + 32.768 + (200 * ZERO_PAGE_BYTES) / 1e6 + 2 + 3, 9);
    expect(run.downtimeMs).toBeCloseTo(2 + 3, 9);
    expect(run.sentBytes).toBe(800 * 4096 + 200 * ZERO_PAGE_BYTES);
    expect(run.sentPages).toBe(1000);
    expect(run.dirtySyncCount).toBe(2);
  });
});
