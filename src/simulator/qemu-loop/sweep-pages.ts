/**
 * The migration bitmap and the dirty log page by page, for a guest that rewrites a working set in
 * address order, round after round, at a steady rate. QEMU's send cursor also walks memory in address
 * order and carries on from where it stopped after each sync, so the two move together: a writer that
 * trails the cursor re-dirties pages just sent, and every page a sync harvests is new, while a writer
 * ahead of it dirties pages still pending, which costs nothing. Expected counts cannot tell these
 * apart; a bitmap can.
 *
 * A send goes page by page and checks its limits before each page, as `ram_save_iterate` does, so it
 * can overshoot them by one page.
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
 * @param zeroPages - pages of zeros: the lowest pages outside the working set (checked by the caller)
 * @returns the page sets
 */
export function sweepMigrationPages(writer: SweepWriter, totalPages: number, zeroPages: number): MigrationPages {
  const pending = new Uint8Array(totalPages).fill(1);
  let pendingCount = totalPages;
  // Pages sent at least once: the cursor's first lap sends every page for the first time.
  const sentBefore = new Uint8Array(totalPages);
  const zero = new Uint8Array(totalPages);
  for (let page = 0, marked = 0; marked < zeroPages; page++) {
    if (page >= writer.firstPage && page < writer.firstPage + writer.workingSetPages) continue;
    zero[page] = 1;
    marked++;
  }
  const inLog = new Uint8Array(totalPages);
  let logged: number[] = [];
  // Writes done since the start, not necessarily whole: page k of the sweep is written when it passes k + 1.
  let writes = 0;
  let cursor = 0;
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
    send(limits, costs) {
      let pages = 0;
      let bytes = 0;
      let ms = 0;
      while (pendingCount > 0 && ms < limits.maxMs && bytes < limits.maxBytes) {
        while (pending[cursor] === 0) cursor = (cursor + 1) % totalPages;
        const pageBytes = zero[cursor] === 1 ? costs.zeroPageBytes : costs.pageBytes;
        ms += pageBytes * (zero[cursor] === 0 && sentBefore[cursor] === 0 ? costs.firstSendMsPerByte : costs.msPerByte);
        bytes += pageBytes;
        pending[cursor] = 0;
        sentBefore[cursor] = 1;
        pendingCount--;
        pages++;
        cursor = (cursor + 1) % totalPages;
      }
      return { pages, bytes, ms, spentBytes: false };
    },
  };
}
