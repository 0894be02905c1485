/**
 * The loop model's workloads: each one's distinct-pages curve and target set, checked on values worked
 * out by hand, and the description errors, each read in full.
 */
import { describe, expect, test } from 'vitest';
import type { DirtyCurve } from '../../../src/dirty-curve/dirty-curve.ts';
import { createMigrationPages, createWorkload } from '../../../src/simulator/qemu-loop/workloads.ts';

const PAGE = 4096;

/** A measured curve of a 100-page guest: 2 pages per ms up to its 80 writable pages. */
const measuredCurve = (overrides: Partial<DirtyCurve> = {}): DirtyCurve => ({
  pageSizeBytes: PAGE,
  totalPages: 100,
  zeroPages: 20,
  maxDirtyPages: 80,
  dirtyPagesAfter: (elapsedMs) => 2 * elapsedMs,
  ...overrides,
});

describe('createWorkload', () => {
  test('a constant rate writes rate × time distinct bytes, never more than RAM, on no set of its own', () => {
    const constant = createWorkload('f', { kind: 'constant', dirtyRateBytesPerMs: 2048 }, 100, PAGE);
    expect(constant.targetPages).toBeNull();
    // 2048 bytes/ms is half a page per ms: 5 pages in 10 ms; RAM (100 pages) from 200 ms on.
    expect([constant.distinctPagesAfter(0), constant.distinctPagesAfter(10), constant.distinctPagesAfter(200), constant.distinctPagesAfter(1000)]).toEqual([0, 5, 100, 100]);
  });

  test('a working set fills as W(1 - e^(-n/W)) after n uniform writes', () => {
    // W = 50 pages, 10,000 writes a second: n = 50 writes after 5 ms, so 50(1 - 1/e).
    const workingSet = createWorkload('f', { kind: 'working-set', workingSetPages: 50, dirtyRatePagesPerSecond: 10_000 }, 100, PAGE);
    expect(workingSet.targetPages).toBe(50);
    expect(workingSet.distinctPagesAfter(0)).toBe(0);
    expect(workingSet.distinctPagesAfter(5)).toBeCloseTo(50 * (1 - Math.exp(-1)), 12);
    expect(workingSet.distinctPagesAfter(1e6)).toBeCloseTo(50, 12);
  });

  test('a measured curve is read as measured, capped at the pages that can ever be dirty, which are its target', () => {
    const measured = createWorkload('f', { kind: 'measured', curve: measuredCurve() }, 100, PAGE);
    expect(measured.targetPages).toBe(80);
    expect([measured.distinctPagesAfter(10), measured.distinctPagesAfter(40), measured.distinctPagesAfter(60)]).toEqual([20, 80, 80]);
    // A curve of a guest all of whose pages are zero writes nothing, and has no target set.
    expect(createWorkload('f', { kind: 'measured', curve: measuredCurve({ zeroPages: 100, maxDirtyPages: 0 }) }, 100, PAGE).targetPages).toBeNull();
  });

  test('names the function and the field of a description it cannot use', () => {
    const bind = (spec: unknown, totalPages = 100) => () => createWorkload('simulateQemuLoop', spec as never, totalPages, PAGE);
    expect(bind({ kind: 'constant', dirtyRateBytesPerMs: -1 })).toThrow(new RangeError('simulateQemuLoop: workload.dirtyRateBytesPerMs must be >= 0, got -1'));
    expect(bind({ kind: 'working-set', workingSetPages: 0, dirtyRatePagesPerSecond: 1 })).toThrow(new RangeError('simulateQemuLoop: workload.workingSetPages must be > 0, got 0'));
    expect(bind({ kind: 'working-set', workingSetPages: 101, dirtyRatePagesPerSecond: 1 })).toThrow(new RangeError('simulateQemuLoop: workload.workingSetPages must be <= 100, got 101'));
    expect(bind({ kind: 'working-set', workingSetPages: 10, dirtyRatePagesPerSecond: -1 })).toThrow(new RangeError('simulateQemuLoop: workload.dirtyRatePagesPerSecond must be >= 0, got -1'));
    expect(bind({ kind: 'sweep', firstPage: 0, workingSetPages: 1, pagesPerSecond: 1 })).toThrow(new RangeError('simulateQemuLoop: workload.kind must be a workload with a distinct-pages curve here ("sweep" is page by page: use createMigrationPages), got "sweep"'));
    expect(bind({ kind: 'measured', curve: measuredCurve() }, 200)).toThrow(new RangeError('simulateQemuLoop: workload.curve must describe the simulated guest (200 pages of 4096 bytes), got 100 pages of 4096 bytes'));
    expect(bind({ kind: 'measured', curve: measuredCurve({ pageSizeBytes: 2048 }) })).toThrow(new RangeError('simulateQemuLoop: workload.curve must describe the simulated guest (100 pages of 4096 bytes), got 100 pages of 2048 bytes'));
    expect(bind({ kind: 'burst' })).toThrow(new TypeError('simulateQemuLoop: workload.kind must be "constant", "working-set" or "measured", got "burst"'));
    expect(bind(undefined)).toThrow(new TypeError('simulateQemuLoop: workload must be an object, got undefined'));
  });
});

describe('createMigrationPages', () => {
  test('leaves all of RAM pending, and lets zero pages sit only outside what the guest writes', () => {
    const constant = createMigrationPages('f', { kind: 'constant', dirtyRateBytesPerMs: 0 }, 100, PAGE, 100);
    expect(constant.pendingPages()).toBe(100);
    // A working set of 60 pages leaves 40 for zero pages.
    expect(createMigrationPages('f', { kind: 'working-set', workingSetPages: 60, dirtyRatePagesPerSecond: 1 }, 100, PAGE, 40).pendingPages()).toBe(100);
    expect(() => createMigrationPages('simulateQemuLoop', { kind: 'working-set', workingSetPages: 60, dirtyRatePagesPerSecond: 1 }, 100, PAGE, 41)).toThrow(
      new RangeError("simulateQemuLoop: zeroPages must be at most the 40 pages outside the workload's target set, got 41"),
    );
  });

  test('runs a sweep page by page, up to 2^26 pages, and checks its writer', () => {
    const sweep = { kind: 'sweep', firstPage: 10, workingSetPages: 20, pagesPerSecond: 1000 } as const;
    expect(createMigrationPages('f', sweep, 100, PAGE, 0).pendingPages()).toBe(100);
    expect(() => createMigrationPages('simulateQemuLoop', sweep, 2 ** 26 + 1, PAGE, 0)).toThrow(
      new RangeError(`simulateQemuLoop: memoryBytes must be at most ${2 ** 26} pages with a "sweep" workload (it is simulated page by page), got ${(2 ** 26 + 1) * PAGE}`),
    );
    expect(() => createMigrationPages('simulateQemuLoop', { ...sweep, firstPage: 100 }, 100, PAGE, 0)).toThrow(new RangeError('simulateQemuLoop: workload.firstPage must be <= 99, got 100'));
    expect(() => createMigrationPages('simulateQemuLoop', { ...sweep, workingSetPages: 0 }, 100, PAGE, 0)).toThrow(new RangeError('simulateQemuLoop: workload.workingSetPages must be >= 1, got 0'));
    expect(() => createMigrationPages('simulateQemuLoop', { ...sweep, workingSetPages: 91 }, 100, PAGE, 0)).toThrow(new RangeError('simulateQemuLoop: workload.workingSetPages must be <= 90, got 91'));
    expect(() => createMigrationPages('simulateQemuLoop', { ...sweep, writerStartOffset: 20 }, 100, PAGE, 0)).toThrow(new RangeError('simulateQemuLoop: workload.writerStartOffset must be <= 19, got 20'));
    expect(() => createMigrationPages('simulateQemuLoop', sweep, 100, PAGE, 81)).toThrow(new RangeError('simulateQemuLoop: zeroPages must be at most the 80 pages outside the working set, got 81'));
    expect(() => createMigrationPages('simulateQemuLoop', null as never, 100, PAGE, 0)).toThrow(new TypeError('simulateQemuLoop: workload must be an object, got null'));
    expect(() => createMigrationPages('simulateQemuLoop', { ...sweep, pagesPerSecond: -1 }, 100, PAGE, 0)).toThrow(new RangeError('simulateQemuLoop: workload.pagesPerSecond must be >= 0, got -1'));
    // Every page outside the working set may be a page of zeros.
    expect(createMigrationPages('f', sweep, 100, PAGE, 80).pendingPages()).toBe(100);
  });

  test('runs a sweep of exactly 2^26 pages', () => {
    expect(createMigrationPages('f', { kind: 'sweep', firstPage: 0, workingSetPages: 1, pagesPerSecond: 1 }, 2 ** 26, PAGE, 0).pendingPages()).toBe(2 ** 26);
  });

  test("writes a sweep's pages at its rate per second of guest time", () => {
    // 1000 pages a second is one a millisecond: 5 pages of the working set in 5 ms.
    const pages = createMigrationPages('f', { kind: 'sweep', firstPage: 10, workingSetPages: 20, pagesPerSecond: 1000 }, 100, PAGE, 0);
    pages.guestRan(5);
    expect(pages.loggedPages()).toBe(5);
  });
});
