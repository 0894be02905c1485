/**
 * How the guest dirties memory in the loop model. A workload answers one question: how many distinct
 * pages are dirty in the log after the guest has run for a given time since the log was last
 * harvested, and which pages those writes can land on, so that a harvest can tell new pages from pages
 * that are still pending in the migration bitmap.
 *
 * Counts are expected values (pages need not be whole): writes are uniform over their target set and
 * independent of the send cursor, which walks memory in address order.
 */
import { requireFinite, requireObject, typeError } from '../../check.ts';
import type { DirtyCurve } from '../../dirty-curve/dirty-curve.ts';

/** A workload as the caller describes it. */
export type WorkloadSpec =
  | { readonly kind: 'constant'; readonly dirtyRateBytesPerMs: number }
  | { readonly kind: 'working-set'; readonly workingSetPages: number; readonly dirtyRatePagesPerSecond: number }
  | { readonly kind: 'measured'; readonly curve: DirtyCurve };

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
  if (spec.kind === 'measured') {
    const curve = spec.curve;
    if (curve.totalPages !== totalPages || curve.pageSizeBytes !== pageSizeBytes) {
      throw new RangeError(`${fn}: workload.curve must describe the simulated guest (${totalPages} pages of ${pageSizeBytes} bytes), got ${curve.totalPages} pages of ${curve.pageSizeBytes} bytes`);
    }
    return { targetPages: curve.maxDirtyPages > 0 ? curve.maxDirtyPages : null, distinctPagesAfter: (guestMs) => Math.min(curve.maxDirtyPages, curve.dirtyPagesAfter(guestMs)) };
  }
  throw typeError(fn, 'workload.kind', '"constant", "working-set" or "measured"', (object as { kind?: unknown }).kind);
}
