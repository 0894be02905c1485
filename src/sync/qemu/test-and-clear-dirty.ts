/**
 * Models of `physical_memory_test_and_clear_dirty` (system/physmem.c) before and after e8a6d158, the
 * function both misaligned paths are built on. Ranges are global pages and lie inside one RAMBlock.
 */
import { forEachWordOfRange, testAndClear, testAndSet } from '../../bitmap/bitmap.ts';
import type { DirtyMemory, RamBlock, SyncEffects } from '../contract.ts';

/**
 * Before e8a6d158: one multi-bit test-and-clear per DirtyMemoryBlock chunk, an unconditional remote
 * clear of the whole range, and a re-arm if any bit was set.
 * @param mem - the global dirty bitmap
 * @param rb - the RAMBlock holding the range
 * @param globalStartPage - first page, global
 * @param npages - pages in the range
 * @param effects - receives the remote clear and the re-arm
 * @returns true when any source bit in the range was set
 */
export function testAndClearDirtyPrePatch(mem: DirtyMemory, rb: RamBlock, globalStartPage: number, npages: number, effects: SyncEffects): boolean {
  if (npages === 0) return false;
  let dirty = false;
  let page = globalStartPage;
  const end = globalStartPage + npages;
  while (page < end) {
    const within = page % mem.blockPages;
    const count = Math.min(end - page, mem.blockPages - within);
    dirty = testAndClearRange(mem.blocks[Math.floor(page / mem.blockPages)], within, count) || dirty;
    page += count;
  }
  effects.clearDirtyLog(globalStartPage - rb.offsetPage, npages);
  if (dirty) effects.dirtyBitsCleared(globalStartPage, npages);
  return dirty;
}

/**
 * After e8a6d158, as the migration sync calls it (with the RAMBlock's `bmap`; the NULL-`bmap` callers
 * of QEMU's function are not part of the sync): per page, test-and-clear the source bit and set it in
 * `bmap`, counting it only if it was newly set; one unconditional remote clear of the whole range; a
 * re-arm of the whole range iff the count is non-zero.
 * @param mem - the global dirty bitmap
 * @param rb - the RAMBlock holding the range
 * @param globalStartPage - first page, global
 * @param npages - pages in the range
 * @param effects - receives the remote clear and the re-arm
 * @returns the number of `bmap` bits that went from 0 to 1
 */
export function testAndClearDirtyLanded(
  mem: DirtyMemory,
  rb: RamBlock,
  globalStartPage: number,
  npages: number,
  effects: SyncEffects,
): number {
  if (npages === 0) return 0;
  let counted = 0;
  for (let page = globalStartPage; page < globalStartPage + npages; page++) {
    if (testAndClear(mem.blocks[Math.floor(page / mem.blockPages)], page % mem.blockPages)) {
      if (!testAndSet(rb.bmap, page - rb.offsetPage)) counted++;
    }
  }
  effects.clearDirtyLog(globalStartPage - rb.offsetPage, npages);
  if (counted !== 0) effects.dirtyBitsCleared(globalStartPage, npages);
  return counted;
}

/** `bitmap_test_and_clear_atomic(map, start, count)`: clears the bits, returns whether any was set. */
function testAndClearRange(map: Uint32Array, start: number, count: number): boolean {
  let any = 0;
  forEachWordOfRange(start, count, (index, mask) => {
    any |= map[index] & mask;
    map[index] &= ~mask;
  });
  return any !== 0;
}
