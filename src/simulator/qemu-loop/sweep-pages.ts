/**
 * The migration bitmap and the dirty log page by page, for a guest that rewrites a working set in
 * address order, round after round, at a steady rate. QEMU's send cursor also walks memory in address
 * order and carries on from where it stopped after each sync, so the two move together: a writer that
 * trails the cursor re-dirties pages just sent, and every page a sync harvests is new, while a writer
 * ahead of it dirties pages still pending, which costs nothing. Expected counts cannot tell these
 * apart; a bitmap can.
 */
import type { MigrationPages } from './migration-pages.ts';

/** A sweeping writer, as the loop model takes it. */
export interface SweepWriter {
  /** The working set's first page. */
  readonly firstPage: number;
  /** The working set (pages), written one after another. */
  readonly workingSetPages: number;
  /** Pages written per ms of guest run time. */
  readonly pagesPerMs: number;
  /** The page within the set (0-based) the writer writes first. */
  readonly startOffset: number;
}

/**
 * The page sets of a sweeping writer; all of RAM is pending at the start and the cursor is at page 0.
 * @param writer - the writer (checked by the caller)
 * @param totalPages - guest RAM (pages)
 * @returns the page sets
 */
export function sweepMigrationPages(writer: SweepWriter, totalPages: number): MigrationPages {
  const pending = new Uint8Array(totalPages).fill(1);
  // Pages sent at least once: the cursor's first lap sends every page for the first time.
  const sentBefore = new Uint8Array(totalPages);
  let pendingCount = totalPages;
  const inLog = new Uint8Array(totalPages);
  let logged: number[] = [];
  // Writes done since the start, not necessarily whole: page k of the sweep is written when it passes k + 1.
  let writes = 0;
  let cursor = 0;
  // Sends ask for fractions of pages (a link's 50 ms, a window's budget); whole pages go, the rest waits.
  let credit = 0;
  const log = (page: number) => {
    if (inLog[page] === 1) return;
    inLog[page] = 1;
    logged.push(page);
  };
  return {
    pendingPages: () => pendingCount,
    guestRan(guestMs) {
      const before = Math.floor(writes);
      writes += writer.pagesPerMs * guestMs;
      const count = Math.floor(writes) - before;
      const { firstPage, workingSetPages: set, startOffset } = writer;
      for (let i = 0; i < Math.min(count, set); i++) log(firstPage + ((startOffset + before + i) % set));
    },
    loggedPages: () => logged.length,
    harvest() {
      let newPages = 0;
      for (const page of logged) {
        inLog[page] = 0;
        if (pending[page] === 0) {
          pending[page] = 1;
          pendingCount++;
          newPages++;
        }
      }
      logged = [];
      return newPages;
    },
    send(pages) {
      credit += pages;
      // A float sum of fractions can fall a hair short of the whole it adds up to.
      const whole = Math.min(pendingCount, Math.floor(credit + 1e-9));
      credit = pendingCount <= whole ? 0 : Math.max(0, credit - whole);
      let firstSends = 0;
      for (let sent = 0; sent < whole; cursor = (cursor + 1) % totalPages) {
        if (pending[cursor] === 1) {
          pending[cursor] = 0;
          pendingCount--;
          sent++;
          firstSends += 1 - sentBefore[cursor];
          sentBefore[cursor] = 1;
        }
      }
      return { sent: whole, firstSends };
    },
  };
}
