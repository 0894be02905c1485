/**
 * The journal of the call in flight. A process that runs native code writes, before each call of
 * the sync, what it is checking and the call's input to a file, synchronously; when the call kills
 * the process (a segfault in C), the process that started it reads the last entry and can say which
 * law, family and case did it. The entry describes the input of that very call, which for the
 * second half of an L9 split is the state the first half left. Its first byte says whether the call
 * is still in flight, so the parent can also tell a call that never returns (a hang in C).
 *
 * Format: one byte, `1` while the call runs and `0` once it returned, then the entry as JSON.
 */
import { closeSync, fstatSync, ftruncateSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import type { DirtyMemory, RamBlock, SyncImplementation } from '../contract.ts';
import { hex64 } from '../counterexample-format.ts';

/** The environment variable through which the parent passes the journal's path to the child. */
export const CALL_JOURNAL_VARIABLE = 'SYNC_IMPL_CALL_JOURNAL';

/** The first byte of the journal while a call is in flight, and after it returned. */
const IN_FLIGHT = '1';
const RETURNED = '0';

/** Words listed per bitmap before the rest are elided, as in counterexamples. */
const MAX_LISTED_WORDS = 12;

/** What the law suite is checking when the call is made. */
export interface CallContext {
  /** The law's id, e.g. `L5`. */
  readonly law: string;
  /** The case family. */
  readonly family: string;
  /** The fast-check seed of the check. */
  readonly seed: number;
}

/** The last entry of a journal: the call that was in flight. */
export interface CallJournalEntry extends Partial<CallContext> {
  /** The implementation's name. */
  readonly implementation: string;
  /** The call's input, as lines for a person (layout, then source and `bmap` words near the range). */
  readonly input: readonly string[];
}

/** The writing side of a journal. */
export interface CallJournal {
  /**
   * Sets what the following calls are made for.
   * @param context - law, family and seed
   */
  setContext(context: CallContext): void;
  /**
   * Wraps an implementation so that each call is journaled before it is made.
   * @param implementation - the implementation
   * @returns the same implementation, journaling
   */
  watch(implementation: SyncImplementation): SyncImplementation;
}

/**
 * Opens (and empties) a journal file for writing.
 * @param path - the file
 * @returns the journal
 */
export function openCallJournal(path: string): CallJournal {
  const fd = openSync(path, 'w');
  process.once('exit', () => closeSync(fd));
  let context: CallContext | undefined;
  return {
    setContext(next) {
      context = next;
    },
    watch(implementation) {
      return {
        ...implementation,
        syncDirtyBitmap(mem, rb, startPage, npages, effects) {
          const entry: CallJournalEntry = { implementation: implementation.name, ...context, input: describeCallInput(mem, rb, startPage, npages) };
          // Synchronous, so the entry is in the kernel's hands before C runs (a process killed by a
          // signal loses nothing it already wrote); rewritten whole, so a shorter entry leaves no
          // end of a longer one behind.
          const written = writeSync(fd, `${IN_FLIGHT}${JSON.stringify(entry)}`, 0);
          ftruncateSync(fd, written);
          try {
            return implementation.syncDirtyBitmap(mem, rb, startPage, npages, effects);
          } finally {
            writeSync(fd, RETURNED, 0);
          }
        },
      };
    },
  };
}

/**
 * Reads the last entry of a journal.
 * @param path - the file
 * @returns the entry, or undefined when none was written (or the file is gone or unreadable)
 */
export function readCallJournal(path: string): CallJournalEntry | undefined {
  try {
    const text = readFileSync(path, 'utf8');
    return text === '' ? undefined : (JSON.parse(text.slice(1)) as CallJournalEntry);
  } catch {
    return undefined;
  }
}

/**
 * Tells how long the journaled call has been in flight.
 * @param path - the file
 * @param now - the current time (ms since the epoch)
 * @returns milliseconds since the call was made, or undefined when no call is in flight
 */
export function callInFlightMs(path: string, now: number = Date.now()): number | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const first = Buffer.alloc(1);
    if (readSync(fd, first, 0, 1, 0) !== 1 || first.toString() !== IN_FLIGHT) return undefined;
    return Math.max(0, now - fstatSync(fd).mtimeMs);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Describes a sync call's input for a person, in the words counterexamples use: the layout, then
 * the source and `bmap` words around the range, as QEMU's 64-bit words.
 * @param mem - the global dirty bitmap
 * @param rb - the RAMBlock
 * @param startPage - first page of the range, block-relative
 * @param npages - pages in the range
 * @returns the lines
 */
export function describeCallInput(mem: DirtyMemory, rb: RamBlock, startPage: number, npages: number): string[] {
  const globalStart = rb.offsetPage + startPage;
  const layout =
    `blockPages ${mem.blockPages}, ${mem.blocks.length} DirtyMemoryBlocks, rb.offsetPage ${rb.offsetPage}, rb.pages ${rb.pages}; ` +
    `range startPage ${startPage} npages ${npages} (global [${globalStart}, ${globalStart + npages}))`;
  return [`layout:    ${layout}`, ...describeWordsAround(mem, rb, startPage, npages)];
}

/**
 * The source and `bmap` words around a range, as QEMU's 64-bit words in hex, under a heading each.
 * @param mem - the global dirty bitmap
 * @param rb - the RAMBlock
 * @param startPage - first page of the range, block-relative
 * @param npages - pages in the range
 * @returns the lines
 */
export function describeWordsAround(mem: DirtyMemory, rb: RamBlock, startPage: number, npages: number): string[] {
  const globalStart = rb.offsetPage + startPage;
  const longsPerBlock = mem.blockPages / 64;
  const sourceRows = listedWords(globalStart, npages, mem.blocks.length * longsPerBlock, (long) => {
    const block = Math.floor(long / longsPerBlock);
    return wordRow(`block ${block} word ${long % longsPerBlock}`, long * 64, hex64(mem.blocks[block], long % longsPerBlock));
  });
  const bmapRows = listedWords(startPage, npages, rb.bmap.length / 2, (long) => wordRow(`word ${long}`, long * 64, hex64(rb.bmap, long)));
  return ['source (global pages; bit i of a word is its first page + i):', ...sourceRows, 'bmap (block-relative pages):', ...bmapRows];
}

/**
 * Rows for the 64-bit words holding the range and one word either side (clamped to `[0, longs)`);
 * past `MAX_LISTED_WORDS`, the first and last few, without formatting the ones left out (a range
 * can be 2^20 words long).
 */
function listedWords(start: number, count: number, longs: number, row: (long: number) => string): string[] {
  const first = Math.max(0, Math.floor(start / 64) - 1);
  const last = Math.min(longs - 1, Math.floor((start + Math.max(count, 1) - 1) / 64) + 1);
  const total = last - first + 1;
  if (total <= MAX_LISTED_WORDS) return Array.from({ length: Math.max(0, total) }, (_, i) => row(first + i));
  const half = MAX_LISTED_WORDS / 2;
  return [
    ...Array.from({ length: half }, (_, i) => row(first + i)),
    `  … ${total - MAX_LISTED_WORDS} more words …`,
    ...Array.from({ length: half }, (_, i) => row(last - half + 1 + i)),
  ];
}

function wordRow(name: string, firstPage: number, hex: string): string {
  return `  ${name.padEnd(18)} ${`pages ${firstPage}..${firstPage + 63}`.padEnd(22)} ${hex}`;
}
