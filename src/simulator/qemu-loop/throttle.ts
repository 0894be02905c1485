/**
 * Auto-converge (`migration_trigger_throttle`, `mig_throttle_guest_down`), evaluated by
 * `migration_bitmap_sync` when more than 1 s has passed since the period began: if the bytes newly
 * dirtied in the period exceed `throttle-trigger-threshold`% of the bytes sent in it, a counter goes up;
 * when it reaches 2 it resets and the CPU throttle starts at `cpu-throttle-initial`% or rises by
 * `cpu-throttle-increment`%, up to `max-cpu-throttle`%. The counter is not reset by a quiet period. The
 * same period also yields `dirty-pages-rate` (`migration_update_rates`), which gates `expected-downtime`.
 *
 * A throttle of p% runs the vCPUs (100 − p)% of the time, so the guest dirties at (100 − p)% of its rate.
 */

/** Auto-converge settings, QEMU's defaults in brackets. */
export interface AutoConvergeSettings {
  /** `cpu-throttle-initial` (20) (%). */
  readonly initialPercent: number;
  /** `cpu-throttle-increment` (10) (%). */
  readonly incrementPercent: number;
  /** `max-cpu-throttle` (99) (%). */
  readonly maxPercent: number;
  /** `throttle-trigger-threshold` (50) (%). */
  readonly triggerThresholdPercent: number;
}

/** QEMU's default auto-converge settings. */
export const DEFAULT_AUTO_CONVERGE: AutoConvergeSettings = { initialPercent: 20, incrementPercent: 10, maxPercent: 99, triggerThresholdPercent: 50 };

/** The period state `migration_bitmap_sync` keeps, and the throttle it drives. */
export class ThrottlePeriod {
  /** The current CPU throttle (%). */
  throttlePercent = 0;
  /** `dirty-pages-rate` of the last closed period (pages per second); 0 until one closes. */
  dirtyPagesRate = 0;
  private periodStartMs: number | undefined;
  private newPagesInPeriod = 0;
  private sentBytesAtPeriodStart = 0;
  private highPeriods = 0;
  private readonly settings: AutoConvergeSettings | null;
  private readonly pageSizeBytes: number;

  /**
   * @param settings - auto-converge settings, or null when the capability is off
   * @param pageSizeBytes - page size (bytes)
   */
  constructor(settings: AutoConvergeSettings | null, pageSizeBytes: number) {
    this.settings = settings;
    this.pageSizeBytes = pageSizeBytes;
  }

  /**
   * Records one sync, after its harvest.
   * @param syncStartMs - when the sync started (ms)
   * @param syncEndMs - when it ended (ms)
   * @param newPages - pages the sync newly set in the bitmap (pages)
   * @param totalSentBytes - bytes sent since the migration started (bytes)
   */
  afterSync(syncStartMs: number, syncEndMs: number, newPages: number, totalSentBytes: number): void {
    this.periodStartMs ??= syncStartMs;
    this.newPagesInPeriod += newPages;
    if (!(syncEndMs > this.periodStartMs + 1000)) return;
    const dirtyBytes = this.newPagesInPeriod * this.pageSizeBytes;
    if (this.settings !== null) {
      // QEMU computes the threshold in integer bytes: uint64 × percent / 100.
      const triggerBytes = Math.floor(((totalSentBytes - this.sentBytesAtPeriodStart) * this.settings.triggerThresholdPercent) / 100);
      if (dirtyBytes > triggerBytes && ++this.highPeriods >= 2) {
        this.highPeriods = 0;
        this.throttlePercent = this.throttlePercent === 0 ? this.settings.initialPercent : Math.min(this.throttlePercent + this.settings.incrementPercent, this.settings.maxPercent);
      }
    }
    this.dirtyPagesRate = Math.floor((this.newPagesInPeriod * 1000) / (syncEndMs - this.periodStartMs));
    this.periodStartMs = syncEndMs;
    this.newPagesInPeriod = 0;
    this.sentBytesAtPeriodStart = totalSentBytes;
  }
}
