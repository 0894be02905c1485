/**
 * How the guest dirties memory in the loop model. A workload answers one question: how many distinct
 * pages are dirty in the log after the guest has run for a given time since the log was last
 * harvested, and which pages those writes can land on, so that a harvest can tell new pages from pages
 * that are still pending in the migration bitmap.
 *
 * Counts are expected values (pages need not be whole): writes are uniform over their target set and
 * independent of the send cursor, which walks memory in address order.
 */
import { rangeError, requireFinite, requireInteger, requireObject, typeError } from '../../check.ts';
import type { DirtyCurve } from '../../dirty-curve/dirty-curve.ts';
import { fluidMigrationPages, type MigrationPages } from './migration-pages.ts';
import { sweepMigrationPages } from './sweep-pages.ts';

/** A workload as the caller describes it. */
export type WorkloadSpec =
  | { readonly kind: 'constant'; readonly dirtyRateBytesPerMs: number }
  | { readonly kind: 'working-set'; readonly workingSetPages: number; readonly dirtyRatePagesPerSecond: number }
  | { readonly kind: 'measured'; readonly curve: DirtyCurve }
  | {
      readonly kind: 'sweep';
      /** The working set's first page. */
      readonly firstPage: number;
      /** The working set (pages), rewritten in address order, round after round. */
      readonly workingSetPages: number;
      /** Pages written per second of guest run time. */
      readonly pagesPerSecond: number;
      /** The page within the set (0-based) the writer is at when the migration starts; default 0. */
      readonly writerStartOffset?: number;
    };

/** The largest guest a `sweep` workload runs on (pages): it keeps two bytes per page. */
export const SWEEP_MAX_PAGES = 2 ** 26;

/** A workload ready to run against a guest of a given size. */
export interface DirtyingWorkload {
  /**
   * Distinct pages in the log after the guest ran for `guestMs` since the last harvest.
   * @param guestMs - guest run time since the last harvest, throttling already applied (ms)
   * @returns pages
   */
  distinctPagesAfter(guestMs: number): number;
  /**
   * The pages writes land on, uniformly. `null` for the fluid case: writes are distinct from every
   * pending page (its rate counts distinct new bytes, as the fluid simulators assume).
   */
  readonly targetPages: number | null;
}

/**
 * Checks a workload description and binds it to a guest.
 * @param fn - the public function doing the check
 * @param spec - the description
 * @param totalPages - guest RAM (pages)
 * @param pageSizeBytes - page size (bytes)
 * @returns the workload
 * @throws TypeError for an unknown kind; RangeError for a rate or a set outside its domain
 */
export function createWorkload(fn: string, spec: WorkloadSpec, totalPages: number, pageSizeBytes: number): DirtyingWorkload {
  const object = requireObject(fn, 'workload', spec);
  if (spec.kind === 'constant') {
    const bytesPerMs = requireFinite(fn, 'workload.dirtyRateBytesPerMs', spec.dirtyRateBytesPerMs, { ge: 0 });
    return { targetPages: null, distinctPagesAfter: (guestMs) => Math.min(totalPages, (bytesPerMs * guestMs) / pageSizeBytes) };
  }
  if (spec.kind === 'working-set') {
    const setPages = requireFinite(fn, 'workload.workingSetPages', spec.workingSetPages, { gt: 0, le: totalPages });
    const pagesPerMs = requireFinite(fn, 'workload.dirtyRatePagesPerSecond', spec.dirtyRatePagesPerSecond, { ge: 0 }) / 1000;
    // Uniform writes over W pages: after n writes, W·(1 − (1 − 1/W)^n) distinct, in the limit of many pages W·(1 − e^(−n/W)).
    return { targetPages: setPages, distinctPagesAfter: (guestMs) => setPages * -Math.expm1((-pagesPerMs * guestMs) / setPages) };
  }
  if (spec.kind === 'sweep') throw rangeError(fn, 'workload.kind', 'a workload with a distinct-pages curve here ("sweep" is page by page: use createMigrationPages)', spec.kind);
  if (spec.kind === 'measured') {
    const curve = spec.curve;
    if (curve.totalPages !== totalPages || curve.pageSizeBytes !== pageSizeBytes) {
      throw new RangeError(`${fn}: workload.curve must describe the simulated guest (${totalPages} pages of ${pageSizeBytes} bytes), got ${curve.totalPages} pages of ${curve.pageSizeBytes} bytes`);
    }
    return { targetPages: curve.maxDirtyPages > 0 ? curve.maxDirtyPages : null, distinctPagesAfter: (guestMs) => Math.min(curve.maxDirtyPages, curve.dirtyPagesAfter(guestMs)) };
  }
  throw typeError(fn, 'workload.kind', '"constant", "working-set" or "measured"', (object as { kind?: unknown }).kind);
}

/**
 * Checks a workload description and builds the migration bitmap and dirty log the loop runs on:
 * page by page for a `sweep`, expected counts for every other kind.
 * @param fn - the public function doing the check
 * @param spec - the description
 * @param totalPages - guest RAM (pages)
 * @param pageSizeBytes - page size (bytes)
 * @param zeroPages - pages of zeros the guest never writes (checked here against the working set)
 * @returns the page sets, all of RAM pending
 * @throws TypeError for an unknown kind; RangeError for a value outside its domain
 */
export function createMigrationPages(fn: string, spec: WorkloadSpec, totalPages: number, pageSizeBytes: number, zeroPages: number): MigrationPages {
  requireObject(fn, 'workload', spec);
  if (spec.kind !== 'sweep') {
    const workload = createWorkload(fn, spec, totalPages, pageSizeBytes);
    const writable = totalPages - (workload.targetPages ?? 0);
    if (zeroPages > writable) throw rangeError(fn, 'zeroPages', `at most the ${writable} pages outside the workload's target set`, zeroPages);
    return fluidMigrationPages(workload, totalPages, zeroPages);
  }
  if (totalPages > SWEEP_MAX_PAGES) throw rangeError(fn, 'memoryBytes', `at most ${SWEEP_MAX_PAGES} pages with a "sweep" workload (it is simulated page by page)`, totalPages * pageSizeBytes);
  const firstPage = requireInteger(fn, 'workload.firstPage', spec.firstPage, 0, totalPages - 1);
  const workingSetPages = requireInteger(fn, 'workload.workingSetPages', spec.workingSetPages, 1, totalPages - firstPage);
  const pagesPerSecond = requireFinite(fn, 'workload.pagesPerSecond', spec.pagesPerSecond, { ge: 0 });
  const startOffset = requireInteger(fn, 'workload.writerStartOffset', spec.writerStartOffset ?? 0, 0, workingSetPages - 1);
  if (zeroPages > totalPages - workingSetPages) throw rangeError(fn, 'zeroPages', `at most the ${totalPages - workingSetPages} pages outside the working set`, zeroPages);
  return sweepMigrationPages({ firstPage, workingSetPages, pagesPerMs: pagesPerSecond / 1000, startOffset }, totalPages, zeroPages);
}
