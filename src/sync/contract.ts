/**
 * The contract every sync implementation meets (docs/specification.md): the data it reads and writes, the side
 * effects it reports, and the signature of `syncDirtyBitmap`.
 */

/**
 * The MIGRATION client's global dirty bitmap, split into DirtyMemoryBlocks: global page `g` is bit
 * `g % blockPages` of `blocks[floor(g / blockPages)]`.
 */
export interface DirtyMemory {
  /** Pages (bits) per DirtyMemoryBlock: a positive multiple of 64 (QEMU: 2,097,152). */
  readonly blockPages: number;
  /** One bitmap per DirtyMemoryBlock, each exactly `blockPages / 32` words long. */
  readonly blocks: readonly Uint32Array[];
}

/** A RAMBlock as the sync sees it. */
export interface RamBlock {
  /** Global page number of the block's first page (any value; QEMU has aligned it to 64 since 2018). */
  readonly offsetPage: number;
  /** Used length in pages. */
  readonly pages: number;
  /** The migration bitmap: bit `i` is page `i` of this block; whole 64-bit words, at least `pages` bits. */
  readonly bmap: Uint32Array;
}

/** The side effects of a sync, as calls the implementation makes. */
export interface SyncEffects {
  /**
   * A remote dirty-log clear (`memory_region_clear_dirty_bitmap`), one KVM ioctl per listener.
   * @param startPage - first page, relative to the RAMBlock
   * @param npages - number of pages
   */
  clearDirtyLog(startPage: number, npages: number): void;
  /**
   * The TCG TLB re-arm (`physical_memory_dirty_bits_cleared`) that makes later guest writes set the
   * dirty bit again.
   * @param globalStartPage - first page, global
   * @param npages - number of pages
   */
  dirtyBitsCleared(globalStartPage: number, npages: number): void;
  /**
   * A deferred remote clear (`clear_bmap_set`): the chunks holding these pages get their remote clear
   * before any of their pages is sent. Optional for plug-ins.
   * @param startPage - first page, relative to the RAMBlock
   * @param npages - number of pages; the marked chunks may cover more
   */
  deferDirtyLogClear?(startPage: number, npages: number): void;
}

/**
 * `physical_memory_sync_dirty_bitmap(rb, start, length)` in pages: harvests the source bits of the
 * range into `rb.bmap` and reports the side effects.
 * @param mem - the global dirty bitmap
 * @param rb - the RAMBlock being synced
 * @param startPage - first page of the range, relative to the RAMBlock
 * @param npages - number of pages in the range
 * @param effects - receives the side effects
 * @returns the number of `bmap` bits that went from 0 to 1
 */
export type SyncDirtyBitmap = (mem: DirtyMemory, rb: RamBlock, startPage: number, npages: number, effects: SyncEffects) => number;

/** An implementation held by the suite, with the name used in test names, findings and reports. */
export interface SyncImplementation {
  /** Short stable name, e.g. `wordwise`. */
  readonly name: string;
  /** One line on what it models. */
  readonly description: string;
  /** The implementation itself. */
  readonly syncDirtyBitmap: SyncDirtyBitmap;
}
