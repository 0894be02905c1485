/**
 * QEMU's sync before e8a6d158 ("migration: merge fragmented clear_dirty ioctls"): the misaligned path
 * walks the range a page at a time, each page a call of `physical_memory_test_and_clear_dirty` with its
 * own remote clear.
 */
import type { DirtyMemory, RamBlock, SyncEffects, SyncImplementation } from './contract.ts';
import { testAndSet } from '../bitmap/bitmap.ts';
import { assembleQemuSync } from './qemu/qemu-model.ts';
import { testAndClearDirtyPrePatch } from './qemu/test-and-clear-dirty.ts';
import { requireInteger } from '../check.ts';
import { withValidatedArguments } from './sync-arguments.ts';

/**
 * The pre-patch misaligned path: per page, test-and-clear (which clears that page's remote log and
 * re-arms it if dirty), then set the page in `bmap`, counting it if newly set.
 * @param mem - the global dirty bitmap
 * @param rb - the RAMBlock
 * @param startPage - first page, block-relative
 * @param npages - pages in the range
 * @param effects - receives one remote clear per page and one re-arm per dirty page
 * @returns the number of `bmap` bits that went from 0 to 1
 */
export function prePatchMisalignedPath(mem: DirtyMemory, rb: RamBlock, startPage: number, npages: number, effects: SyncEffects): number {
  let newlySet = 0;
  for (let page = startPage; page < startPage + npages; page++) {
    if (testAndClearDirtyPrePatch(mem, rb, rb.offsetPage + page, 1, effects) && !testAndSet(rb.bmap, page)) newlySet++;
  }
  return newlySet;
}

/**
 * Builds the pre-patch model with a given `clear_bmap` chunk size.
 * @param clearBitmapShift - log2 of the chunk size in pages (QEMU: 6..31, default 18)
 * @returns the implementation
 * @throws RangeError when the shift is not an integer in QEMU's range 6..31
 */
export function createQemuPrePatch(clearBitmapShift?: number): SyncImplementation {
  if (clearBitmapShift !== undefined) requireInteger('createQemuPrePatch', 'clearBitmapShift', clearBitmapShift, 6, 31);
  const name = clearBitmapShift === undefined ? 'qemu-pre-patch' : `qemu-pre-patch(shift ${clearBitmapShift})`;
  return {
    name,
    description: 'QEMU before e8a6d158: aligned word swap; misaligned path page by page, one remote clear per page',
    syncDirtyBitmap: withValidatedArguments(`${name}.syncDirtyBitmap`, assembleQemuSync({ misalignedPath: prePatchMisalignedPath, clearBitmapShift })),
  };
}

/** QEMU before e8a6d158, with the default `clear_bmap` shift. */
export const qemuPrePatch: SyncImplementation = createQemuPrePatch();
