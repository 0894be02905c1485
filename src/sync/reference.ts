/**
 * The reference semantics of the sync (docs/specification.md), bit by bit. It is the specification the other
 * implementations are checked against, so it favours being obviously right over being fast.
 */
import { testAndClear, testAndSet } from '../bitmap/bitmap.ts';
import type { DirtyMemory, RamBlock, SyncEffects, SyncImplementation } from './contract.ts';
import { withValidatedArguments } from './sync-arguments.ts';

/**
 * The reference sync without argument checks: for each page of the range, harvest its source bit into
 * `bmap`, re-arm it, and clear its remote dirty log.
 * @param mem - the global dirty bitmap
 * @param rb - the RAMBlock
 * @param startPage - first page, block-relative
 * @param npages - pages in the range
 * @param effects - receives one remote clear per page and one re-arm per harvested page
 * @returns the number of `bmap` bits that went from 0 to 1
 */
export function referenceSyncUnchecked(mem: DirtyMemory, rb: RamBlock, startPage: number, npages: number, effects: SyncEffects): number {
  let newlySet = 0;
  for (let page = startPage; page < startPage + npages; page++) {
    const globalPage = rb.offsetPage + page;
    const block = mem.blocks[Math.floor(globalPage / mem.blockPages)];
    if (testAndClear(block, globalPage % mem.blockPages)) {
      effects.dirtyBitsCleared(globalPage, 1);
      if (!testAndSet(rb.bmap, page)) newlySet++;
    }
    effects.clearDirtyLog(page, 1);
  }
  return newlySet;
}

/** The reference sync, with its arguments validated; throws TypeError or RangeError for bad arguments. */
export const referenceSync = withValidatedArguments('reference.syncDirtyBitmap', referenceSyncUnchecked);

/** The reference implementation as the suite holds it. */
export const reference: SyncImplementation = {
  name: 'reference',
  description: 'the reference semantics of docs/specification.md, bit by bit: one remote clear per page, one re-arm per harvested page',
  syncDirtyBitmap: referenceSync,
};
