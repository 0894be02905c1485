/**
 * Assembles a model of QEMU's `physical_memory_sync_dirty_bitmap` from its parts: path selection, the
 * aligned path and a misaligned path. The parts are separate so that the historical bugs can be
 * rebuilt by swapping one of them (see `properties/sync/historical-bugs/`).
 */
import type { DirtyMemory, RamBlock, SyncDirtyBitmap, SyncEffects } from '../contract.ts';
import { DEFAULT_CLEAR_BITMAP_SHIFT, qemuAlignedPath } from './aligned-path.ts';
import { type QemuSyncPath, selectQemuPath } from './path-selection.ts';

/** A sync path: same arguments as the sync, returns the newly-set count. */
export type QemuPath = (mem: DirtyMemory, rb: RamBlock, startPage: number, npages: number, effects: SyncEffects) => number;

/** The parts of a QEMU sync model. */
export interface QemuModelParts {
  /** Chooses the path (default: QEMU's rule since 2017). */
  readonly selectPath?: (offsetPage: number, startPage: number, npages: number) => QemuSyncPath;
  /** The aligned path (default: QEMU's, with `clearBitmapShift`). */
  readonly alignedPath?: QemuPath;
  /** The misaligned path. */
  readonly misalignedPath: QemuPath;
  /** log2 of the `clear_bmap` chunk in pages for the default aligned path (QEMU default 18). */
  readonly clearBitmapShift?: number;
}

/**
 * Builds an unchecked sync from QEMU's parts.
 * @param parts - the parts; unspecified ones are QEMU's
 * @returns the sync, without argument validation
 */
export function assembleQemuSync(parts: QemuModelParts): SyncDirtyBitmap {
  const selectPath = parts.selectPath ?? selectQemuPath;
  const shift = parts.clearBitmapShift ?? DEFAULT_CLEAR_BITMAP_SHIFT;
  const alignedPath: QemuPath = parts.alignedPath ?? ((mem, rb, startPage, npages, effects) => qemuAlignedPath(mem, rb, startPage, npages, effects, shift));
  return (mem, rb, startPage, npages, effects) =>
    selectPath(rb.offsetPage, startPage, npages) === 'aligned'
      ? alignedPath(mem, rb, startPage, npages, effects)
      : parts.misalignedPath(mem, rb, startPage, npages, effects);
}
