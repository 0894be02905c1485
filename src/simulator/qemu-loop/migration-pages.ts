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
 */
import type { DirtyingWorkload } from './workloads.ts';

/** The migration bitmap and the guest's dirty log, as the loop sees them. */
export interface MigrationPages {
  /** Pages pending in the migration bitmap (`migration_dirty_pages`). */
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
   * Sends pending pages, the cursor walking memory in address order.
   * @param pages - pages wanted, at most the pending ones
   * @returns the pages sent, and how many of them the destination receives for the first time
   */
  send(pages: number): PagesSent;
}

/** What one send took from the bitmap. */
export interface PagesSent {
  readonly sent: number;
  /** Of those, pages never sent before. */
  readonly firstSends: number;
}

/**
 * Expected counts for a workload given by its distinct-pages curve.
 * @param workload - the bound workload
 * @param totalPages - guest RAM (pages); all of it is pending at the start
 * @returns the page sets
 */
export function fluidMigrationPages(workload: DirtyingWorkload, totalPages: number): MigrationPages {
  let pending = totalPages;
  // Pending pages never sent (all of RAM at the start; a harvest adds only pages sent before).
  let neverSent = totalPages;
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
      const newPages = target === null ? Math.min(distinct, totalPages - pending) : distinct * (1 - pendingTarget / target);
      pending += newPages;
      if (target !== null) pendingTarget += newPages;
      return newPages;
    },
    send(pages) {
      // The cursor walks memory in address order, so the pages sent are a uniform sample of the pending ones.
      const all = pages >= pending;
      const firstSends = all ? neverSent : (neverSent * pages) / pending;
      pendingTarget = all ? 0 : pendingTarget - (pendingTarget * pages) / pending;
      neverSent -= firstSends;
      const sent = all ? pending : pages;
      pending = all ? 0 : pending - pages;
      return { sent, firstSends };
    },
  };
}
