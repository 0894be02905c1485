/**
 * A sync case: one memory layout, one bitmap state and one range, as the properties generate it and
 * counterexamples print it. Cases are immutable; every run works on copies.
 */
import { testBit } from '../bitmap/bitmap.ts';
import type { DirtyMemory, RamBlock } from './contract.ts';

/** Everything one sync call needs, plus the split point L9 uses. */
export interface SyncCase {
  /** Name of the case family that generated it. */
  readonly family: string;
  /** Pages per DirtyMemoryBlock. */
  readonly blockPages: number;
  /** The source DirtyMemoryBlocks before the sync. */
  readonly source: readonly Uint32Array[];
  /** The RAMBlock's global first page. */
  readonly offsetPage: number;
  /** The RAMBlock's used length in pages. */
  readonly pages: number;
  /** The RAMBlock's `bmap` before the sync. */
  readonly bmap: Uint32Array;
  /** First page of the synced range, block-relative. */
  readonly startPage: number;
  /** Pages in the synced range. */
  readonly npages: number;
  /** L9's split point, in `[startPage, startPage + npages]`. */
  readonly splitPage: number;
  /** Pages of a RAMBlock placed right after this one, when the family models two adjacent blocks. */
  readonly neighbourPages?: number;
}

/** A mutable copy of a case's memory and RAMBlock, for one run. */
export interface SyncState {
  /** The source bitmap. */
  readonly mem: DirtyMemory;
  /** The RAMBlock, with its own `bmap` copy. */
  readonly rb: RamBlock;
}

/**
 * Copies a case's memory and `bmap` so a run cannot change the case.
 * @param syncCase - the case
 * @returns fresh, mutable state
 */
export function materialize(syncCase: SyncCase): SyncState {
  return {
    mem: { blockPages: syncCase.blockPages, blocks: syncCase.source.map((block) => block.slice()) },
    rb: { offsetPage: syncCase.offsetPage, pages: syncCase.pages, bmap: syncCase.bmap.slice() },
  };
}

/**
 * Reads global source page `page` of a memory.
 * @param mem - the memory
 * @param page - global page
 * @returns true when its dirty bit is set
 */
export function sourceBit(mem: DirtyMemory, page: number): boolean {
  return testBit(mem.blocks[Math.floor(page / mem.blockPages)], page % mem.blockPages);
}
