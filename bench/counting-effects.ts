/**
 * A `SyncEffects` sink for benchmarks: it counts calls and pages and allocates nothing, so that
 * recording effects costs one call and two additions, not an array push per page.
 */
import type { SyncEffects } from '../src/sync/contract.ts';

/** Counts of each kind of effect, per kind: calls made and pages they covered. */
export interface EffectCounts {
  /** `clearDirtyLog` calls: remote dirty-log clears issued now (one KVM ioctl per listener each). */
  readonly clearDirtyLogCalls: number;
  /** Pages covered by those calls. */
  readonly clearDirtyLogPages: number;
  /** `deferDirtyLogClear` calls: remote clears deferred to `clear_bmap` chunks (QEMU's aligned path). */
  readonly deferDirtyLogClearCalls: number;
  /** Pages the deferred chunks cover. */
  readonly deferDirtyLogClearPages: number;
  /** `dirtyBitsCleared` calls: TCG re-arms. */
  readonly dirtyBitsClearedCalls: number;
  /** Pages covered by the re-arms. */
  readonly dirtyBitsClearedPages: number;
}

/** A counting, allocation-free `SyncEffects`. */
export class CountingEffects implements SyncEffects, EffectCounts {
  clearDirtyLogCalls = 0;
  clearDirtyLogPages = 0;
  deferDirtyLogClearCalls = 0;
  deferDirtyLogClearPages = 0;
  dirtyBitsClearedCalls = 0;
  dirtyBitsClearedPages = 0;

  /**
   * Counts a remote dirty-log clear.
   * @param _startPage - first page, block-relative (not recorded)
   * @param npages - pages covered
   */
  clearDirtyLog(_startPage: number, npages: number): void {
    this.clearDirtyLogCalls++;
    this.clearDirtyLogPages += npages;
  }

  /**
   * Counts a TCG re-arm.
   * @param _globalStartPage - first page, global (not recorded)
   * @param npages - pages covered
   */
  dirtyBitsCleared(_globalStartPage: number, npages: number): void {
    this.dirtyBitsClearedCalls++;
    this.dirtyBitsClearedPages += npages;
  }

  /**
   * Counts a deferred remote clear. Present so QEMU's aligned path defers as it does in QEMU instead of
   * falling back to an immediate clear.
   * @param _startPage - first page, block-relative (not recorded)
   * @param npages - pages the marked chunks cover
   */
  deferDirtyLogClear(_startPage: number, npages: number): void {
    this.deferDirtyLogClearCalls++;
    this.deferDirtyLogClearPages += npages;
  }

  /** Sets every count back to zero. */
  reset(): void {
    this.clearDirtyLogCalls = 0;
    this.clearDirtyLogPages = 0;
    this.deferDirtyLogClearCalls = 0;
    this.deferDirtyLogClearPages = 0;
    this.dirtyBitsClearedCalls = 0;
    this.dirtyBitsClearedPages = 0;
  }

  /**
   * The counts so far, as a plain object.
   * @returns a copy of the counts
   */
  snapshot(): EffectCounts {
    const { clearDirtyLogCalls, clearDirtyLogPages, deferDirtyLogClearCalls, deferDirtyLogClearPages, dirtyBitsClearedCalls, dirtyBitsClearedPages } = this;
    return { clearDirtyLogCalls, clearDirtyLogPages, deferDirtyLogClearCalls, deferDirtyLogClearPages, dirtyBitsClearedCalls, dirtyBitsClearedPages };
  }
}
