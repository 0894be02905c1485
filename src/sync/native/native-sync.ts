/**
 * Binds a shared library's `sync_dirty_bitmap` (the ABI of `native/sync_abi.h`) as a
 * `SyncDirtyBitmap`, through koffi. The case's bitmaps are passed to C as pointers into the same
 * ArrayBuffers, without copying: the source blocks and `bmap` are allocated in whole 64-bit words,
 * so on a little-endian host each is also an array of `unsigned long` with QEMU's bit numbering.
 * The C effect callbacks call the JS `effects` while the call runs.
 */
import koffi from 'koffi';
import type { DirtyMemory, RamBlock, SyncDirtyBitmap, SyncEffects } from '../contract.ts';
import { withValidatedArguments } from '../sync-arguments.ts';

/** The symbol every native plug-in exports (`SYNC_DIRTY_BITMAP_SYMBOL` in the header). */
export const SYNC_DIRTY_BITMAP_SYMBOL = 'sync_dirty_bitmap';

// The types are anonymous: koffi's type names are global to the process, and a second binding (a
// second test file in the same worker) must not collide with the first.
const pageRangeCallback = koffi.proto('void', ['uint64_t', 'uint64_t']);

/** `struct sync_dirty_memory`. */
const dirtyMemoryType = koffi.struct({ block_pages: 'uint64_t', nblocks: 'uint64_t', blocks: 'unsigned long **' });

/** `struct sync_ram_block`. */
const ramBlockType = koffi.struct({ offset_page: 'uint64_t', pages: 'uint64_t', bmap: 'unsigned long *' });

/** `struct sync_effects`. */
const effectsType = koffi.struct({
  clear_dirty_log: koffi.pointer(pageRangeCallback),
  dirty_bits_cleared: koffi.pointer(pageRangeCallback),
  defer_dirty_log_clear: koffi.pointer(pageRangeCallback),
});

/**
 * Loads a shared library and binds its `sync_dirty_bitmap`.
 * @param libraryPath - path of the shared library
 * @param name - the implementation's name, used in argument errors (`<name>.syncDirtyBitmap: ...`)
 * @returns the sync, validating its arguments before any pointer reaches C
 * @throws Error when the library does not load or does not export `sync_dirty_bitmap`
 */
export function bindNativeSync(libraryPath: string, name: string): SyncDirtyBitmap {
  const library = koffi.load(libraryPath);
  let native: (...args: unknown[]) => unknown;
  try {
    native = library.func(SYNC_DIRTY_BITMAP_SYMBOL, 'uint64_t', [
      koffi.pointer(dirtyMemoryType),
      koffi.pointer(ramBlockType),
      'uint64_t',
      'uint64_t',
      koffi.pointer(effectsType),
    ]);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`the library does not export a function named ${SYNC_DIRTY_BITMAP_SYMBOL}, as native/sync_abi.h asks (${detail})`);
  }
  // Validation first: C trusts the header's promises, and a bad length here would be a write past a
  // buffer that the JS heap owns.
  return withValidatedArguments(`${name}.syncDirtyBitmap`, (mem: DirtyMemory, rb: RamBlock, startPage: number, npages: number, effects: SyncEffects): number => {
    const returned = native(
      { block_pages: mem.blockPages, nblocks: mem.blocks.length, blocks: mem.blocks },
      { offset_page: rb.offsetPage, pages: rb.pages, bmap: rb.bmap },
      startPage,
      npages,
      callbacksFor(effects),
    );
    // koffi returns a BigInt above 2^53; it is passed on unchanged so the laws print the exact value.
    return returned as number;
  });
}

/**
 * The C callbacks for one call. They are koffi's transient callbacks, valid while the call runs,
 * which is all the header allows C to use them for.
 */
function callbacksFor(effects: SyncEffects): Record<string, (startPage: number, npages: number) => void> {
  return {
    clear_dirty_log: (startPage, npages) => effects.clearDirtyLog(startPage, npages),
    dirty_bits_cleared: (globalStartPage, npages) => effects.dirtyBitsCleared(globalStartPage, npages),
    // The header promises a non-NULL pointer; a host without deferred clears ignores the call.
    defer_dirty_log_clear: (startPage, npages) => effects.deferDirtyLogClear?.(startPage, npages),
  };
}
