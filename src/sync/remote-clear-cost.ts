/**
 * The cost e8a6d158 removed: how many remote dirty-log clears (`memory_region_clear_dirty_bitmap`, one
 * KVM ioctl per listener each) one whole-block sync issues, for RAMBlocks of growing size whose length
 * is not a multiple of 64 pages (the misaligned path) and, for contrast, one that is.
 */
import { allocateBitmap } from '../bitmap/bitmap.ts';
import { rangeError, requireInteger } from '../check.ts';
import type { SyncImplementation } from './contract.ts';
import { CountingEffects, type EffectCounts } from './counting-effects.ts';

/** One RAMBlock size and what each implementation's sync of it cost. */
export interface RemoteClearRow {
  /** RAMBlock length in pages. */
  readonly pages: number;
  /** Whether `pages` is a multiple of 64 (QEMU's aligned path). */
  readonly aligned: boolean;
  /** Per implementation name, the effect counts of one whole-block sync. */
  readonly counts: Readonly<Record<string, EffectCounts>>;
}

/**
 * Syncs a RAMBlock of each size once per implementation (every page dirty, offset 0, QEMU's
 * DirtyMemoryBlock size) and counts the effects.
 * @param implementations - the implementations
 * @param sizesPages - RAMBlock lengths in pages
 * @param blockPages - DirtyMemoryBlock size in pages
 * @returns one row per size
 * @throws TypeError or RangeError when `blockPages` is not a positive multiple of 64 or a size is not a
 *   non-negative integer, before anything is synced
 */
export function measureRemoteClears(implementations: readonly SyncImplementation[], sizesPages: readonly number[], blockPages: number): RemoteClearRow[] {
  const fn = 'measureRemoteClears';
  requireInteger(fn, 'blockPages', blockPages, 64);
  if (blockPages % 64 !== 0) throw rangeError(fn, 'blockPages', 'a multiple of 64', blockPages);
  sizesPages.forEach((pages, index) => requireInteger(fn, `sizesPages[${index}]`, pages, 0));
  return sizesPages.map((pages) => {
    const counts: Record<string, EffectCounts> = {};
    for (const implementation of implementations) {
      const blocks = Array.from({ length: Math.ceil(pages / blockPages) }, () => new Uint32Array(blockPages / 32).fill(0xffffffff));
      const effects = new CountingEffects();
      implementation.syncDirtyBitmap({ blockPages, blocks }, { offsetPage: 0, pages, bmap: allocateBitmap(pages) }, 0, pages, effects);
      counts[implementation.name] = effects.snapshot();
    }
    return { pages, aligned: pages % 64 === 0, counts };
  });
}
