/**
 * The two page sets the loop model keeps: the migration bitmap (pages still to send) and the guest's
 * dirty log (pages written since the last sync harvested it). The loop asks them five things; how they
 * answer depends on the workload:
 *
 * - `fluidMigrationPages`: expected counts (pages need not be whole). Writes are uniform over their
 *   target set and independent of the send cursor, so a harvest finds new pages in proportion to the
 *   target pages that are not pending, and a send takes a uniform sample of the pending pages.
 * - `sweepMigrationPages` (`sweep-pages.ts`): page by page, for a guest whose writes walk memory in
 *   address order, as the send cursor does, so which pages a sync finds new depends on where both are.
 *
 * A page costs what QEMU puts on the wire for it: its contents, or, for a page of zeros the guest never
 * writes, a header. Pages of zeros count as pending like any other until the first pass sends them.
 */
import type { DirtyingWorkload } from './workloads.ts';

/** What a send may spend before it stops. */
export interface SendLimits {
  /** Time (ms): the pass limit. */
  readonly maxMs: number;
  /** Bytes: what is left of the window's budget. */
  readonly maxBytes: number;
}

/** What a page costs to send. */
export interface SendCosts {
  /** A page with data (bytes). */
  readonly pageBytes: number;
  /** A page of zeros (bytes): QEMU sends its header and one byte. */
  readonly zeroPageBytes: number;
  /** Time per byte of a page the destination receives for the first time (ms per byte). */
  readonly firstSendMsPerByte: number;
  /** Time per byte of any other page, zero pages included (ms per byte). */
  readonly msPerByte: number;
}

/** What one send took from the bitmap and cost. */
export interface PagesSent {
  readonly pages: number;
  readonly bytes: number;
  readonly ms: number;
  /** Whether the byte limit stopped it (it then spent exactly that many bytes). */
  readonly spentBytes: boolean;
}

/** The migration bitmap and the guest's dirty log, as the loop sees them. */
export interface MigrationPages {
  /** Pages pending in the migration bitmap (`migration_dirty_pages`), pages of zeros included. */
  pendingPages(): number;
  /**
   * The guest ran for this long (throttling already applied) and wrote into the log.
   * @param guestMs - guest run time (ms), >= 0
   */
  guestRan(guestMs: number): void;
  /** Distinct pages in the dirty log, which a sync now would harvest. */
  loggedPages(): number;
  /**
   * A sync: ORs the log into the bitmap and empties the log.
   * @returns the pages it newly set in the bitmap
   */
  harvest(): number;
  /**
   * Sends pending pages, the cursor walking memory in address order, until a limit is reached or none is left.
   * @param limits - time and bytes it may spend
   * @param costs - what pages cost
   * @returns pages sent, bytes and time spent
   */
  send(limits: SendLimits, costs: SendCosts): PagesSent;
}

/**
 * Expected counts for a workload given by its distinct-pages curve.
 * @param workload - the bound workload
 * @param totalPages - guest RAM (pages); all of it is pending at the start
 * @param zeroPages - pages of zeros the guest never writes (outside the workload's target set)
 * @returns the page sets
 */
export function fluidMigrationPages(workload: DirtyingWorkload, totalPages: number, zeroPages: number): MigrationPages {
  let pending = totalPages;
  let zeroPending = zeroPages;
  // Pending pages with data never sent (all of them at the start; a harvest adds only pages sent before).
  let neverSent = totalPages - zeroPages;
  // Pending pages inside the workload's target set, for telling a harvest's new pages from pending ones.
  let pendingTarget = workload.targetPages ?? 0;
  let guestMsSinceHarvest = 0;
  return {
    pendingPages: () => pending,
    guestRan(guestMs) {
      guestMsSinceHarvest += guestMs;
    },
    loggedPages: () => workload.distinctPagesAfter(guestMsSinceHarvest),
    harvest() {
      const distinct = workload.distinctPagesAfter(guestMsSinceHarvest);
      // Pages are whole: a log expected to hold less than one page holds none yet, and keeps filling.
      if (distinct < 1) return 0;
      guestMsSinceHarvest = 0;
      const target = workload.targetPages;
      // Writes never land on the pages of zeros, so only pages with data can become pending again.
      const newPages = target === null ? Math.min(distinct, totalPages - zeroPages - (pending - zeroPending)) : distinct * (1 - pendingTarget / target);
      pending += newPages;
      if (target !== null) pendingTarget += newPages;
      return newPages;
    },
    send(limits, costs) {
      if (pending <= 0) return { pages: 0, bytes: 0, ms: 0, spentBytes: false };
      // The cursor walks memory in address order, so the pages sent are a uniform sample of the pending ones.
      const dataPages = pending - zeroPending;
      const bytesPerPage = (zeroPending * costs.zeroPageBytes + dataPages * costs.pageBytes) / pending;
      const msPerPage = (zeroPending * costs.zeroPageBytes * costs.msPerByte + neverSent * costs.pageBytes * costs.firstSendMsPerByte + (dataPages - neverSent) * costs.pageBytes * costs.msPerByte) / pending;
      const byTime = limits.maxMs / msPerPage;
      const byBytes = limits.maxBytes / bytesPerPage;
      const pages = Math.min(pending, byTime, byBytes);
      const all = pages >= pending;
      const share = all ? 1 : pages / pending;
      zeroPending = all ? 0 : zeroPending - zeroPending * share;
      neverSent = all ? 0 : neverSent - neverSent * share;
      pendingTarget = all ? 0 : pendingTarget - pendingTarget * share;
      pending = all ? 0 : pending - pages;
      const spentBytes = !all && pages === byBytes;
      // A send the budget stops spends exactly what was left, so the window's sum lands on its whole budget
      // (s + (B - s) rounds to B for a whole B below 2^52); a float product would leave crumbs that never run out.
      return { pages, bytes: spentBytes ? limits.maxBytes : pages * bytesPerPage, ms: pages * msPerPage, spentBytes };
    },
  };
}
