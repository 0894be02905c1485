/**
 * What one dirty-bitmap sync costs, in ms: a constant, `a + b × pages harvested`, or derived from the
 * sync code itself: a fixed part (KVM and vhost log fetches), a per-word harvest cost over all of RAM,
 * and one remote-clear ioctl cost per `clearDirtyLog` call the implementation's model makes on the
 * misaligned RAMBlock. The calls are counted by running the QEMU sync models of `src/sync/`, so the
 * pre-patch per-page clears and the landed single clear come from the code, not from a table.
 *
 * Calibration: the seed's 256 GiB VM syncs in 73 ms before e8a6d158 and 12 ms after it. The per-word
 * harvest cost is the seed's 5 ms for the aligned harvest over 256 GiB; the per-call cost makes the
 * difference 61 ms; the fixed part takes the rest of the 12 ms.
 */
import { rangeError, requireFinite, requireInteger, requireObject, typeError } from '../../check.ts';
import { QEMU_BLOCK_PAGES } from '../../sync/case-families.ts';
import { qemuLanded } from '../../sync/qemu-landed.ts';
import { qemuPrePatch } from '../../sync/qemu-pre-patch.ts';
import { measureRemoteClears } from '../../sync/remote-clear-cost.ts';

/** The implementations whose sync cost can be derived. */
export type SyncImplementationName = 'qemu-pre-patch' | 'qemu-landed';

/** The sync cost as the caller describes it. */
export type SyncCostSpec =
  | { readonly kind: 'constant'; readonly syncMs: number }
  | { readonly kind: 'linear'; readonly baseMs: number; readonly perPageMs: number }
  | { readonly kind: 'implementation'; readonly implementation: SyncImplementationName; readonly misalignedPages?: number };

/** The seed's VM, which the implementation costs are calibrated on (bytes). */
export const CALIBRATION_MEMORY_BYTES = 256 * 2 ** 30;
/** The seed's sync time before e8a6d158 on that VM (ms). */
export const CALIBRATION_PRE_PATCH_MS = 73;
/** The seed's sync time after e8a6d158 on that VM (ms). */
export const CALIBRATION_LANDED_MS = 12;
/** The seed's aligned harvest time on that VM, taken as the per-word cost over all of RAM (ms). */
export const CALIBRATION_HARVEST_MS = 5;
/**
 * Pages of the misaligned RAMBlock unless told otherwise: 16 MiB less one 4 KiB page, the size the
 * patch's RFC quoted ("16MB misaligned"), made misaligned (not a multiple of 64 pages).
 */
export const DEFAULT_MISALIGNED_PAGES = 4095;

/** Remote-clear calls of one whole-block sync of a misaligned block, per implementation. */
function remoteClearCalls(misalignedPages: number): Record<SyncImplementationName, number> {
  const [row] = measureRemoteClears([qemuPrePatch, qemuLanded], [misalignedPages], QEMU_BLOCK_PAGES);
  return { 'qemu-pre-patch': row.counts['qemu-pre-patch'].clearDirtyLogCalls, 'qemu-landed': row.counts['qemu-landed'].clearDirtyLogCalls };
}

/** The calibrated constants of the derived cost. */
export interface SyncCostCalibration {
  /** Fixed cost of every sync (ms). */
  readonly fixedMs: number;
  /** Harvest cost per 64-page bitmap word of RAM (ms). */
  readonly perWordMs: number;
  /** Cost of one remote-clear ioctl (ms). */
  readonly perClearCallMs: number;
  /** Remote-clear calls per sync, per implementation, for the default misaligned block. */
  readonly clearCalls: Readonly<Record<SyncImplementationName, number>>;
}

/**
 * Solves the calibration: 73 ms and 12 ms on the seed's VM with the default misaligned block.
 * @param pageSizeBytes - guest page size (bytes)
 * @returns the constants
 */
export function syncCostCalibration(pageSizeBytes = 4096): SyncCostCalibration {
  const clearCalls = remoteClearCalls(DEFAULT_MISALIGNED_PAGES);
  const words = CALIBRATION_MEMORY_BYTES / pageSizeBytes / 64;
  const perClearCallMs = (CALIBRATION_PRE_PATCH_MS - CALIBRATION_LANDED_MS) / (clearCalls['qemu-pre-patch'] - clearCalls['qemu-landed']);
  const fixedMs = CALIBRATION_LANDED_MS - CALIBRATION_HARVEST_MS - perClearCallMs * clearCalls['qemu-landed'];
  return { fixedMs, perWordMs: CALIBRATION_HARVEST_MS / words, perClearCallMs, clearCalls };
}

/** A sync cost bound to a guest: the time of one sync given the pages it harvests. */
export type SyncCost = (harvestedPages: number) => number;

/**
 * Checks a sync cost description and binds it to a guest.
 * @param fn - the public function doing the check
 * @param spec - the description
 * @param totalPages - guest RAM (pages)
 * @param pageSizeBytes - page size (bytes)
 * @returns the cost function (ms)
 * @throws TypeError for an unknown kind; RangeError for a negative cost or a bad block size
 */
export function createSyncCost(fn: string, spec: SyncCostSpec, totalPages: number, pageSizeBytes: number): SyncCost {
  requireObject(fn, 'syncCost', spec);
  if (spec.kind === 'constant') {
    const syncMs = requireFinite(fn, 'syncCost.syncMs', spec.syncMs, { ge: 0 });
    return () => syncMs;
  }
  if (spec.kind === 'linear') {
    const baseMs = requireFinite(fn, 'syncCost.baseMs', spec.baseMs, { ge: 0 });
    const perPageMs = requireFinite(fn, 'syncCost.perPageMs', spec.perPageMs, { ge: 0 });
    return (harvestedPages) => baseMs + perPageMs * harvestedPages;
  }
  if (spec.kind === 'implementation') {
    if (spec.implementation !== 'qemu-pre-patch' && spec.implementation !== 'qemu-landed') throw rangeError(fn, 'syncCost.implementation', '"qemu-pre-patch" or "qemu-landed"', spec.implementation);
    const misalignedPages = requireInteger(fn, 'syncCost.misalignedPages', spec.misalignedPages ?? DEFAULT_MISALIGNED_PAGES, 1, 1 << 24);
    if (misalignedPages % 64 === 0) throw rangeError(fn, 'syncCost.misalignedPages', 'not a multiple of 64 (else the block takes the aligned path)', misalignedPages);
    const calibration = syncCostCalibration(pageSizeBytes);
    const calls = misalignedPages === DEFAULT_MISALIGNED_PAGES ? calibration.clearCalls : remoteClearCalls(misalignedPages);
    const syncMs = calibration.fixedMs + calibration.perWordMs * (totalPages / 64) + calibration.perClearCallMs * calls[spec.implementation];
    return () => syncMs;
  }
  throw typeError(fn, 'syncCost.kind', '"constant", "linear" or "implementation"', (spec as { kind?: unknown }).kind);
}
