/**
 * The families of sync cases the laws run over. Each family is one question about the layout: any
 * range, QEMU's real call (whole block), the aligned path with today's and with pre-2018 block offsets,
 * a short block next to another, and QEMU's own DirtyMemoryBlock size. Findings are reported per
 * family, so "which layouts break which law" is part of the result.
 *
 * Layouts are built from independent raw values and then clamped (no `chain`), so that fast-check
 * shrinks every value on its own towards the smallest failing layout.
 */
import fc from 'fast-check';
import { casesOver, edgyNat, type CaseLayout } from './case-arbitraries.ts';
import type { SyncCase } from './sync-case.ts';

/** QEMU's `DIRTY_MEMORY_BLOCK_SIZE` in pages. */
export const QEMU_BLOCK_PAGES = 2 ** 21;

/** A named family of cases. */
export interface CaseFamily {
  /** Stable name used in test names, findings and golden files. */
  readonly name: string;
  /** What the family covers, one line. */
  readonly description: string;
  /** The cases. */
  readonly arbitrary: fc.Arbitrary<SyncCase>;
  /** Fraction of the default number of runs this family gets (its cases are costly or narrow). */
  readonly runsScale: number;
}

/** DirtyMemoryBlock sizes for the small-block families, in 64-page words: 64 to 4096 pages. */
const blockLongs: fc.Arbitrary<number> = fc.oneof(fc.constantFrom(1, 2, 4, 64), fc.integer({ min: 1, max: 64 }));

/** A position in `[0, size)`: an edge or random distance from the start or from the end. */
const position = fc.record({ fromEnd: fc.boolean(), distance: edgyNat(4095) });

function placeIn(size: number, at: { fromEnd: boolean; distance: number }): number {
  const distance = Math.min(at.distance, size - 1);
  return at.fromEnd ? size - 1 - distance : distance;
}

const roundUp64 = (value: number): number => Math.ceil(value / 64) * 64;

/**
 * One case in three puts the last RAMBlock at the end of memory, as QEMU's last RAMBlock is; shrinks
 * towards spare memory after it.
 */
const endsMemory: fc.Arbitrary<boolean> = fc.constantFrom(false, false, true);

/**
 * With `endsMemory`, lengthens a RAMBlock so that it ends where its DirtyMemoryBlock ends, which is
 * where memory ends; an end already on a block boundary stays.
 * @returns the length to use (pages)
 */
function toMemoryEnd(ends: boolean, offsetPage: number, pages: number, blockPages: number): number {
  return ends ? Math.ceil((offsetPage + pages) / blockPages) * blockPages - offsetPage : pages;
}

/** Brings a raw value into `[0, max]`: kept when it fits (edges stay edges), folded by modulo when not. */
function fold(raw: number, max: number): number {
  return raw <= max ? raw : raw % (max + 1);
}

/**
 * Folds a raw start and length into a RAMBlock; with `snap`, moves the start up to the next global
 * 64-page boundary and makes the length whole 64-page words, which is what QEMU's aligned path needs.
 */
function rangeIn(offsetPage: number, pages: number, raw: { start: number; length: number; snap: boolean }): { startPage: number; npages: number } {
  // The start stays below the end, so that empty ranges come from a zero length (an edge) rather than
  // from most short blocks.
  let startPage = fold(raw.start, Math.max(pages - 1, 0));
  if (raw.snap) startPage = Math.min(roundUp64(offsetPage + startPage) - offsetPage, pages);
  let npages = fold(raw.length, pages - startPage);
  const room = pages - startPage;
  // Whole 64-page words, rounded up while the block has room; a block with no room for a word keeps
  // its misaligned length rather than becoming an empty range.
  if (raw.snap && room >= 64) npages = Math.min(roundUp64(Math.max(npages, 1)), room - (room % 64));
  return { startPage, npages };
}

const anyRange: fc.Arbitrary<CaseLayout> = fc
  .record({ blockLongs, block: fc.nat(2), within: position, pages: edgyNat(4200), start: edgyNat(4200), length: edgyNat(4200), snap: fc.boolean(), split: edgyNat(4200), endsMemory })
  .map((r) => {
    const blockPages = 64 * r.blockLongs;
    const offsetPage = r.block * blockPages + placeIn(blockPages, r.within);
    const pages = toMemoryEnd(r.endsMemory, offsetPage, fold(r.pages, 2 * blockPages + 64), blockPages);
    return { blockPages, offsetPage, pages, ...rangeIn(offsetPage, pages, r), splitAfter: r.split, endsMemory: r.endsMemory };
  });

const wholeBlock: fc.Arbitrary<CaseLayout> = fc
  .record({ blockLongs, block: fc.nat(2), within: position, pages: edgyNat(4200), snap: fc.boolean(), split: edgyNat(4200), endsMemory })
  .map((r) => {
    const blockPages = 64 * r.blockLongs;
    let offsetPage = r.block * blockPages + placeIn(blockPages, r.within);
    let pages = fold(r.pages, 2 * blockPages + 64);
    // Snapped, the block is laid out as QEMU has done since 2018 and its length is whole words.
    if (r.snap) [offsetPage, pages] = [offsetPage - (offsetPage % 64), pages - (pages % 64)];
    pages = toMemoryEnd(r.endsMemory, offsetPage, pages, blockPages);
    return { blockPages, offsetPage, pages, startPage: 0, npages: pages, splitAfter: r.split, endsMemory: r.endsMemory };
  });

const alignedBlock: fc.Arbitrary<CaseLayout> = fc
  .record({ blockLongs, offsetLongs: fc.nat(192), startLongs: fc.nat(8), lengthLongs: fc.nat(8), tail: edgyNat(65), split: edgyNat(9 * 64), endsMemory })
  .map((r) => {
    const blockPages = 64 * r.blockLongs;
    const offsetPage = 64 * (r.offsetLongs % (3 * r.blockLongs));
    const startPage = 64 * r.startLongs;
    const npages = 64 * r.lengthLongs;
    const pages = toMemoryEnd(r.endsMemory, offsetPage, startPage + npages + r.tail, blockPages);
    return { blockPages, offsetPage, pages, startPage, npages, splitAfter: r.split, endsMemory: r.endsMemory };
  });

const unalignedBlock: fc.Arbitrary<CaseLayout> = fc
  .record({ blockLongs, offsetLongs: fc.nat(192), misalign: fc.integer({ min: 1, max: 63 }), startLongs: fc.nat(4), lengthLongs: fc.nat(8), tail: edgyNat(65), split: edgyNat(9 * 64), endsMemory })
  .map((r) => {
    // The start is chosen so that the global start page is a multiple of 64 while the offset is not.
    const blockPages = 64 * r.blockLongs;
    const startPage = 64 - r.misalign + 64 * r.startLongs;
    const npages = 64 * r.lengthLongs;
    const offsetPage = 64 * (r.offsetLongs % (3 * r.blockLongs)) + r.misalign;
    const pages = toMemoryEnd(r.endsMemory, offsetPage, startPage + npages + r.tail, blockPages);
    return { blockPages, offsetPage, pages, startPage, npages, splitAfter: r.split, endsMemory: r.endsMemory };
  });

const shortNeighbour: fc.Arbitrary<CaseLayout> = fc
  .record({ blockLongs, offsetLongs: fc.nat(128), pages: fc.integer({ min: 1, max: 63 }), neighbourPages: fc.integer({ min: 1, max: 200 }), empty: fc.nat(7), split: edgyNat(64), endsMemory })
  .map((r) => {
    const blockPages = 64 * r.blockLongs;
    const offsetPage = 64 * (r.offsetLongs % (2 * r.blockLongs));
    return {
      blockPages,
      offsetPage,
      pages: r.pages,
      startPage: 0,
      // One case in eight syncs an empty range, so that L8 has cases here too.
      npages: r.empty === 0 ? 0 : r.pages,
      splitAfter: r.split,
      // The neighbour is the last RAMBlock; ending memory, it runs to the end of its DirtyMemoryBlock.
      neighbourPages: toMemoryEnd(r.endsMemory, offsetPage + r.pages, r.neighbourPages, blockPages),
      endsMemory: r.endsMemory,
    };
  });

const qemuBlockSize: fc.Arbitrary<CaseLayout> = fc
  .record({ before: edgyNat(2048), after: edgyNat(4096), start: edgyNat(2048), length: edgyNat(4096), snap: fc.boolean(), split: edgyNat(4096), endsMemory })
  .map((r) => {
    // The block starts `before` pages below the first boundary and ends `after` pages past it; the
    // range starts at or below the boundary and reaches it, so it crosses unless it is cut short.
    // Ending memory, the block stops at the boundary, which is where memory ends, and so does the range.
    const after = r.endsMemory ? 0 : r.after;
    const offsetPage = QEMU_BLOCK_PAGES - r.before;
    const pages = r.before + after;
    let startPage = fold(r.start, r.before);
    if (r.snap) startPage = roundUp64(offsetPage + startPage) - offsetPage;
    let npages = r.before - startPage + fold(r.length, after);
    if (r.snap) npages -= npages % 64;
    return { blockPages: QEMU_BLOCK_PAGES, offsetPage, pages, startPage, npages, splitAfter: r.split, endsMemory: r.endsMemory };
  });

/** Every family, in report order. */
export const CASE_FAMILIES: readonly CaseFamily[] = [
  { name: 'any-range', description: 'any offset, start and length, crossing DirtyMemoryBlocks of 64 to 4096 pages', arbitrary: casesOver('any-range', anyRange), runsScale: 1 },
  { name: 'whole-block', description: "start 0 and the block's whole length, as QEMU's only caller syncs, at any offset", arbitrary: casesOver('whole-block', wholeBlock), runsScale: 1 },
  { name: 'aligned-block', description: 'offset, start and length multiples of 64 pages: the aligned path on a post-2018 layout', arbitrary: casesOver('aligned-block', alignedBlock), runsScale: 1 },
  { name: 'unaligned-block', description: 'offset not a multiple of 64, global start and length multiples of 64: the aligned path on a pre-2018 layout', arbitrary: casesOver('unaligned-block', unalignedBlock), runsScale: 1 },
  { name: 'short-neighbour', description: 'a block shorter than 64 pages synced whole (or not at all), its neighbour starting inside the same word', arbitrary: casesOver('short-neighbour', shortNeighbour), runsScale: 0.5 },
  { name: 'qemu-block-size', description: "QEMU's 2^21-page DirtyMemoryBlocks, ranges from below the first block boundary to (and mostly across) it", arbitrary: casesOver('qemu-block-size', qemuBlockSize), runsScale: 0.5 },
];
