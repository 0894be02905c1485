/**
 * The `max-bandwidth` rate limit (`migration_rate_set`, `migration_rate_exceeded`): a budget of
 * `max-bandwidth / XFER_LIMIT_RATIO` = a tenth of the per-second limit per bandwidth window, reset when
 * the window closes. While the budget is spent no iteration runs, and `migration_rate_limit` waits until
 * the window is 100 ms old. A limit of 0 disables it (`RATE_LIMIT_DISABLED`); so does completion.
 *
 * QEMU checks the budget between pages; the fluid model stops a pass exactly at the budget.
 */

/** QEMU's default `max-bandwidth` (`MAX_THROTTLE`, 128 MiB/s), in bytes per second. */
export const DEFAULT_MAX_BANDWIDTH_BYTES_PER_SECOND = 128 * 2 ** 20;

/** Windows per second (`XFER_LIMIT_RATIO` = 1000 / `BUFFER_DELAY`). */
const XFER_LIMIT_RATIO = 10;

/**
 * The budget of one window.
 * @param maxBandwidthBytesPerSecond - the `max-bandwidth` parameter (bytes per second); 0 = unlimited
 * @returns bytes a window may send; Infinity when unlimited
 */
export function windowBudgetBytes(maxBandwidthBytesPerSecond: number): number {
  return maxBandwidthBytesPerSecond === 0 ? Number.POSITIVE_INFINITY : maxBandwidthBytesPerSecond / XFER_LIMIT_RATIO;
}
