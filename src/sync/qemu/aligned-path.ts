/**
 * QEMU's aligned sync path (identical before and after e8a6d158): swap each 64-page source word with
 * zero and OR it into `bmap`, re-arm TCG once if anything was newly set, and defer the remote clear by
 * marking `clear_bmap` chunks.
 */
import { countOnes } from '../../bitmap/word.ts';
import type { DirtyMemory, RamBlock, SyncEffects } from '../contract.ts';

/** QEMU's default `clear_bmap` shift: chunks of 2^18 pages (1 GiB at 4 KiB pages). */
export const DEFAULT_CLEAR_BITMAP_SHIFT = 18;

/**
 * Runs the aligned path as QEMU writes it, including its quirks: the source cursor starts at the 64-bit
 * word holding the global start page, the destination cursor at the word holding the block-relative
 * start page, the walk covers `ceil(npages / 64)` words, and the re-arm is gated on the newly-set count
 * and given the block-relative start.
 * @param mem - the global dirty bitmap
 * @param rb - the RAMBlock
 * @param startPage - first page, block-relative
 * @param npages - pages in the range
 * @param effects - receives the re-arm and the deferred (or, without `deferDirtyLogClear`, immediate) clear
 * @param clearBitmapShift - log2 of the `clear_bmap` chunk size in pages (QEMU: 6..31)
 * @returns the number of `bmap` bits that went from 0 to 1
 */
export function qemuAlignedPath(
  mem: DirtyMemory,
  rb: RamBlock,
  startPage: number,
  npages: number,
  effects: SyncEffects,
  clearBitmapShift: number,
): number {
  const longsPerBlock = mem.blockPages / 64;
  const words = Math.ceil(npages / 64);
  const sourceLong = Math.floor((rb.offsetPage + startPage) / 64);
  let blockIndex = Math.floor((sourceLong * 64) / mem.blockPages);
  let offset = sourceLong % longsPerBlock;
  const dest = rb.bmap;
  let newlySet = 0;
  for (let k = Math.floor(startPage / 64); k < Math.floor(startPage / 64) + words; k++) {
    const source = mem.blocks[blockIndex];
    const low = source[2 * offset];
    const high = source[2 * offset + 1];
    if ((low | high) !== 0) {
      // atomic_xchg(src word, 0), then new = bits & ~dest, dest |= bits.
      source[2 * offset] = 0;
      source[2 * offset + 1] = 0;
      newlySet += countOnes(low & ~dest[2 * k]) + countOnes(high & ~dest[2 * k + 1]);
      dest[2 * k] |= low;
      dest[2 * k + 1] |= high;
    }
    if (++offset === longsPerBlock) {
      offset = 0;
      blockIndex++;
    }
  }
  // physical_memory_dirty_bits_cleared(start, length) with the block-relative start (observation O1, docs/qemu-background.md).
  if (newlySet !== 0) effects.dirtyBitsCleared(startPage, npages);
  if (effects.deferDirtyLogClear) {
    const chunkPages = 2 ** clearBitmapShift;
    const firstChunk = Math.floor(startPage / chunkPages);
    const chunks = Math.ceil(npages / chunkPages);
    // clear_bmap_set marks chunks [start >> shift, + ceil(npages / 2^shift)); reported as the pages they hold.
    if (chunks > 0) effects.deferDirtyLogClear(firstChunk * chunkPages, chunks * chunkPages);
  } else if (npages > 0) {
    effects.clearDirtyLog(startPage, npages);
  }
  return newlySet;
}
