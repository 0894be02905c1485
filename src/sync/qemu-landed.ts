/**
 * QEMU's sync after e8a6d158 ("migration: merge fragmented clear_dirty ioctls"): the misaligned path is
 * one call of `physical_memory_test_and_clear_dirty` with the RAMBlock's `bmap`, so one remote clear
 * covers the whole range.
 */
import type { DirtyMemory, RamBlock, SyncEffects, SyncImplementation } from './contract.ts';
import { assembleQemuSync } from './qemu/qemu-model.ts';
import { testAndClearDirtyLanded } from './qemu/test-and-clear-dirty.ts';
import { requireInteger } from '../check.ts';
import { withValidatedArguments } from './sync-arguments.ts';

/**
 * The landed misaligned path: one pass that harvests into `bmap` and counts newly set bits, one remote
 * clear for the range, one re-arm of the range iff the count is non-zero.
 * @param mem - the global dirty bitmap
 * @param rb - the RAMBlock
 * @param startPage - first page, block-relative
 * @param npages - pages in the range
 * @param effects - receives the remote clear and the re-arm
 * @returns the number of `bmap` bits that went from 0 to 1
 */
export function landedMisalignedPath(mem: DirtyMemory, rb: RamBlock, startPage: number, npages: number, effects: SyncEffects): number {
  return testAndClearDirtyLanded(mem, rb, rb.offsetPage + startPage, npages, effects);
}

/**
 * Builds the landed model with a given `clear_bmap` chunk size.
 * @param clearBitmapShift - log2 of the chunk size in pages (QEMU: 6..31, default 18)
 * @returns the implementation
 * @throws RangeError when the shift is not an integer in QEMU's range 6..31
 */
export function createQemuLanded(clearBitmapShift?: number): SyncImplementation {
  if (clearBitmapShift !== undefined) requireInteger('createQemuLanded', 'clearBitmapShift', clearBitmapShift, 6, 31);
  const name = clearBitmapShift === undefined ? 'qemu-landed' : `qemu-landed(shift ${clearBitmapShift})`;
  return {
    name,
    description: 'QEMU after e8a6d158: aligned word swap; misaligned path in one pass with one remote clear',
    syncDirtyBitmap: withValidatedArguments(`${name}.syncDirtyBitmap`, assembleQemuSync({ misalignedPath: landedMisalignedPath, clearBitmapShift })),
  };
}

/** QEMU after e8a6d158, with the default `clear_bmap` shift. */
export const qemuLanded: SyncImplementation = createQemuLanded();
