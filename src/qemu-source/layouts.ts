/**
 * Where QEMU has kept the migration dirty-bitmap sync and the functions it calls, from the split of
 * the dirty bitmap per RAMBlock (March 2017) to today. The extraction searches these files; the
 * layout found is named to the user, so a report says which shape of the code it judged.
 */

/** The sync's names: with the `cpu_` prefix until September 2025, without it since. */
export const SYNC_FUNCTION_NAMES: readonly string[] = ['physical_memory_sync_dirty_bitmap', 'cpu_physical_memory_sync_dirty_bitmap'];

/** Where the sync has lived: a static inline in the ram_addr.h header, then a static in migration/ram.c. */
export const SYNC_FILES: readonly string[] = ['migration/ram.c', 'include/system/ram_addr.h', 'include/exec/ram_addr.h'];

/**
 * Files searched for the functions the sync calls, in order: the test-and-clear and the TCG re-arm
 * (exec.c, then softmmu/physmem.c, then system/physmem.c), `clear_bmap_set`/`clear_bmap_size`
 * (ram_addr.h, and ramblock.h since the header reorganisation of 2026), and the bitmap helpers
 * (util/bitmap.c, bitops.h, bitmap.h).
 */
export const HELPER_FILES: readonly string[] = [
  'system/physmem.c',
  'softmmu/physmem.c',
  'exec.c',
  'include/system/ram_addr.h',
  'include/exec/ram_addr.h',
  'include/system/ramblock.h',
  'include/exec/ramblock.h',
  'migration/ram.c',
  'util/bitmap.c',
  'include/qemu/bitops.h',
  'include/qemu/bitmap.h',
];

/** Every file the extraction may read. */
export const SEARCHED_FILES: readonly string[] = [...new Set([...SYNC_FILES, ...HELPER_FILES])];

/** One known shape of the code. */
export interface QemuLayout {
  /** Short name, as printed. */
  readonly name: string;
  /** The period it covers, with the commits that began and ended it. */
  readonly period: string;
  /** The file that defines the sync. */
  readonly syncFile: string;
  /** The sync's name. */
  readonly syncName: string;
  /** The file that defines the test-and-clear. */
  readonly testAndClearFile: string;
  /** True when the sync takes the `uint64_t *real_dirty_pages` counter (until June 2020). */
  readonly realDirtyPages: boolean;
}

const CPU_SYNC = 'cpu_physical_memory_sync_dirty_bitmap';

/** The layouts this command supports, oldest first. */
export const QEMU_LAYOUTS: readonly QemuLayout[] = [
  { name: '2017', period: '2017-03 (6b6712efcc) to 2020-06', syncFile: 'include/exec/ram_addr.h', syncName: CPU_SYNC, testAndClearFile: 'exec.c', realDirtyPages: true },
  { name: '2020', period: '2020-06 (fb6135807f) to 2020-10', syncFile: 'include/exec/ram_addr.h', syncName: CPU_SYNC, testAndClearFile: 'exec.c', realDirtyPages: false },
  { name: '2020-softmmu', period: '2020-10 (d9f24bf572) to 2023-10', syncFile: 'include/exec/ram_addr.h', syncName: CPU_SYNC, testAndClearFile: 'softmmu/physmem.c', realDirtyPages: false },
  { name: '2023-system', period: '2023-10 (8d7f2e767d) to 2025-03', syncFile: 'include/exec/ram_addr.h', syncName: CPU_SYNC, testAndClearFile: 'system/physmem.c', realDirtyPages: false },
  { name: '2025-system-header', period: '2025-03 (4705a71db5) to 2025-09', syncFile: 'include/system/ram_addr.h', syncName: CPU_SYNC, testAndClearFile: 'system/physmem.c', realDirtyPages: false },
  { name: '2025', period: '2025-09 (8bf3a88308, aa60bdb700) to today', syncFile: 'migration/ram.c', syncName: 'physical_memory_sync_dirty_bitmap', testAndClearFile: 'system/physmem.c', realDirtyPages: false },
];

/**
 * Finds the known layout that matches what was found.
 * @param syncFile - where the sync was found
 * @param syncName - the sync's name
 * @param testAndClearFile - where the test-and-clear was found (undefined when the sync does not call one)
 * @param realDirtyPages - whether the sync takes the real-dirty-pages counter
 * @returns the layout, or undefined for a shape no supported layout has
 */
export function matchLayout(syncFile: string, syncName: string, testAndClearFile: string | undefined, realDirtyPages: boolean): QemuLayout | undefined {
  return QEMU_LAYOUTS.find(
    (layout) =>
      layout.syncFile === syncFile &&
      layout.syncName === syncName &&
      layout.realDirtyPages === realDirtyPages &&
      (testAndClearFile === undefined || layout.testAndClearFile === testAndClearFile),
  );
}

/** One line naming every supported layout, for the message when the sync is not found. */
export function describeSupportedLayouts(): string {
  return QEMU_LAYOUTS.map((layout) => `${layout.name}: ${layout.syncName} in ${layout.syncFile}`).join('; ');
}

/**
 * The supported layouts as a text table, for `docs/qemu-source.md`.
 * @returns the lines
 */
export function formatLayoutTable(): string[] {
  const rows = [
    ['layout', 'period', 'the sync', 'in', 'test-and-clear in', 'signature'],
    ...QEMU_LAYOUTS.map((l) => [l.name, l.period, l.syncName, l.syncFile, l.testAndClearFile, l.realDirtyPages ? '(rb, start, length, real_dirty_pages)' : '(rb, start, length)']),
  ];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd());
}
