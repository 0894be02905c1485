/**
 * The loop model's page sets in expected counts (`fluidMigrationPages`), against small cases worked out by
 * hand: what a harvest finds new inside a working set and outside it, what a send takes when time, bytes
 * or the bitmap stops it, and what each kind of page costs.
 */
import { describe, expect, test } from 'vitest';
import { fluidMigrationPages } from '../../../src/simulator/qemu-loop/migration-pages.ts';

// A data page costs 4096 bytes: 4.096 ms for a first send, 0.4096 ms for a re-send; a zero page 9 bytes, 0.0009 ms.
const COSTS = { pageBytes: 4096, zeroPageBytes: 9, firstSendMsPerByte: 1e-3, msPerByte: 1e-4 };
const UNLIMITED = { maxMs: Number.POSITIVE_INFINITY, maxBytes: Number.POSITIVE_INFINITY };
/** A workload whose log holds one distinct page per ms of guest time, landing on `targetPages` (null: never on a pending page). */
const onePagePerMs = (targetPages: number | null) => ({ targetPages, distinctPagesAfter: (guestMs: number) => guestMs });

describe('fluidMigrationPages', () => {
  test('finds new only the share of a working set that is not pending, and tracks that share through sends and harvests', () => {
    // 100 pages, writes on a set of 40 of them: all 40 pending at the start.
    const pages = fluidMigrationPages(onePagePerMs(40), 100, 0);
    pages.send({ maxMs: Number.POSITIVE_INFINITY, maxBytes: 50 * 4096 }, COSTS); // half of every class: 20 of the set left
    pages.guestRan(10);
    expect(pages.loggedPages()).toBe(10);
    expect(pages.harvest()).toBe(10 * (1 - 20 / 40)); // 5 new; 25 of the set pending
    expect(pages.loggedPages()).toBe(0);
    pages.guestRan(8);
    expect(pages.harvest()).toBe(8 * (1 - 25 / 40)); // 3 new; 28 of the set pending
    expect(pages.pendingPages()).toBe(58);
    pages.send(UNLIMITED, COSTS); // nothing of the set is pending now
    pages.guestRan(4);
    expect(pages.harvest()).toBe(4);
  });

  test('keeps a log of less than one page for the next harvest', () => {
    const pages = fluidMigrationPages({ targetPages: null, distinctPagesAfter: (guestMs) => guestMs / 10 }, 100, 0);
    pages.send({ maxMs: Number.POSITIVE_INFINITY, maxBytes: 10 * 4096 }, COSTS);
    pages.guestRan(5);
    expect(pages.harvest()).toBe(0);
    expect(pages.loggedPages()).toBe(0.5);
    pages.guestRan(6);
    expect(pages.harvest()).toBeCloseTo(1.1, 12);
    expect(pages.pendingPages()).toBeCloseTo(91.1, 12);
    pages.guestRan(10);
    expect(pages.harvest()).toBe(1); // exactly one page is a page
  });

  test('refills at most the data pages that are not pending when the writes avoid pending pages', () => {
    // 100 pages, 20 of zeros. Half of each class is sent: 40 data pages are not pending, so a long log adds 40.
    const pages = fluidMigrationPages(onePagePerMs(null), 100, 20);
    pages.send({ maxMs: Number.POSITIVE_INFINITY, maxBytes: 10 * 9 + 40 * 4096 }, COSTS);
    pages.guestRan(1000);
    expect(pages.harvest()).toBe(40);
    expect(pages.pendingPages()).toBe(90);
  });

  test('costs zero pages, first sends and re-sends each at their own price in a uniform sample', () => {
    // After half a lap and a harvest of 10: 60 pending = 10 zero + 40 never sent + 10 re-sends; a send of half of them.
    const pages = fluidMigrationPages(onePagePerMs(null), 100, 20);
    pages.send({ maxMs: Number.POSITIVE_INFINITY, maxBytes: 10 * 9 + 40 * 4096 }, COSTS);
    pages.guestRan(10);
    pages.harvest();
    const sent = pages.send({ maxMs: Number.POSITIVE_INFINITY, maxBytes: 5 * 9 + 25 * 4096 }, COSTS);
    expect(sent.pages).toBeCloseTo(30, 9);
    expect(sent.bytes).toBe(5 * 9 + 25 * 4096);
    expect(sent.spentBytes).toBe(true);
    expect(sent.ms).toBeCloseTo(5 * 9 * 1e-4 + 20 * 4.096 + 5 * 0.4096, 9);
    // The rest: 5 zero pages, 20 first sends, 5 re-sends.
    const rest = pages.send(UNLIMITED, COSTS);
    expect(rest.pages).toBeCloseTo(30, 9);
    expect(rest.bytes).toBeCloseTo(5 * 9 + 25 * 4096, 6);
    expect(rest.ms).toBeCloseTo(5 * 9 * 1e-4 + 20 * 4.096 + 5 * 0.4096, 9);
    expect(rest.spentBytes).toBe(false);
  });

  test('stops at the time limit without spending the budget', () => {
    const pages = fluidMigrationPages(onePagePerMs(null), 100, 0);
    const sent = pages.send({ maxMs: 10, maxBytes: 1e9 }, COSTS);
    expect(sent).toEqual({ pages: 10 / 4.096, bytes: 10_000, ms: 10, spentBytes: false });
  });

  test('spends exactly the byte limit it stops at, and does not count a budget that the last pages fit as spent', () => {
    const pages = fluidMigrationPages(onePagePerMs(null), 100, 0);
    const first = pages.send({ maxMs: Number.POSITIVE_INFINITY, maxBytes: 1000.1 }, COSTS);
    expect(first.bytes).toBe(1000.1);
    expect(first.spentBytes).toBe(true);
    const rest = pages.send({ maxMs: Number.POSITIVE_INFINITY, maxBytes: 100 * 4096 - 1000.1 }, COSTS);
    expect(rest.spentBytes).toBe(false);
    expect(pages.pendingPages()).toBe(0);
    // With pages of zeros a page costs 3278.6 bytes on average, and 1000.1 / 3278.6 × 3278.6 is not 1000.1 in
    // floating point: the send still reports the limit itself, so a window's budget runs out exactly.
    const mixed = fluidMigrationPages(onePagePerMs(null), 100, 20);
    expect(mixed.send({ maxMs: Number.POSITIVE_INFINITY, maxBytes: 1000.1 }, COSTS)).toMatchObject({ bytes: 1000.1, spentBytes: true });
  });

  test('sends nothing from an empty bitmap', () => {
    const pages = fluidMigrationPages(onePagePerMs(null), 100, 0);
    pages.send(UNLIMITED, COSTS);
    expect(pages.send(UNLIMITED, COSTS)).toEqual({ pages: 0, bytes: 0, ms: 0, spentBytes: false });
    expect(pages.pendingPages()).toBe(0);
  });
});
