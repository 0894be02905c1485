/**
 * The `max-bandwidth` rate limit (`migration_rate_set`, `migration_rate_exceeded`): a budget of
 * `max-bandwidth / XFER_LIMIT_RATIO` = a tenth of the per-second limit per bandwidth window, in whole
 * bytes, reset when the window closes. While the budget is spent no iteration runs, and
 * `migration_rate_limit` waits until the window is 100 ms old. A budget of 0 disables the limit
 * (`RATE_LIMIT_DISABLED`), so a `max-bandwidth` of 0, or of less than 10 bytes per second, sets none;
 * completion lifts it.
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
  // QEMU divides in uint64 arithmetic and reads the resulting 0 as "no limit".
  const budgetBytes = Math.floor(maxBandwidthBytesPerSecond / XFER_LIMIT_RATIO);
  return budgetBytes === 0 ? Number.POSITIVE_INFINITY : budgetBytes;
}
