/**
 * QEMU's bandwidth measurement (`migration_update_counters`, called from `migration_rate_limit` once per
 * turn of the migration thread): a window opens when the thread starts (before the setup sync), closes
 * at the first check at least `BUFFER_DELAY` = 100 ms later, and yields bytes sent over its whole
 * length, sync and wait time included. The threshold, `expected-downtime` and the rate-limit budget
 * (`migration_rate_reset`) all restart there.
 */

/** The window length QEMU waits for (`BUFFER_DELAY`), in ms. */
export const BUFFER_DELAY_MS = 100;

/** What closing a window produced. */
export interface ClosedWindow {
  /** The window's length (ms). */
  readonly lengthMs: number;
  /** Bytes sent in it (bytes). */
  readonly sentBytes: number;
  /** `sentBytes / lengthMs`, QEMU's `bandwidth` (bytes per ms). */
  readonly bandwidthBytesPerMs: number;
}

/** A running bandwidth window. */
export class BandwidthWindow {
  /** When the current window opened (ms). */
  startMs = 0;
  /** Bytes sent since it opened (bytes). */
  sentBytes = 0;

  /**
   * Records bytes sent.
   * @param bytes - bytes sent (bytes)
   */
  record(bytes: number): void {
    this.sentBytes += bytes;
  }

  /**
   * The check of `migration_update_counters`: closes the window when it is at least 100 ms old.
   * @param nowMs - the time of the check (ms)
   * @returns the closed window, or undefined when it is too young
   */
  check(nowMs: number): ClosedWindow | undefined {
    if (nowMs < this.startMs + BUFFER_DELAY_MS) return undefined;
    const lengthMs = nowMs - this.startMs;
    const closed = { lengthMs, sentBytes: this.sentBytes, bandwidthBytesPerMs: this.sentBytes / lengthMs };
    this.startMs = nowMs;
    this.sentBytes = 0;
    return closed;
  }
}
