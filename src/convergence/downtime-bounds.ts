/**
 * The seed's two bounds on the downtime limit, each valid only in its own regime. They are written
 * here without a regime check so that a caller can also evaluate one outside its regime, as the
 * seed's second case does; `minDowntime` is the function that picks the valid one.
 */
import { requireSyncMs, requireRates, WINDOW_MS } from './domain.ts';

/**
 * Eq. (12): `y > B·x/(B − D)`, the bound in the long-iteration regime (eq. 5). It equals `x + t*`.
 * @param bandwidthBytesPerMs - real bandwidth B (bytes per ms)
 * @param dirtyRateBytesPerMs - dirty rate D (bytes per ms), `0 < D < B`
 * @param syncMs - bitmap sync time x (ms), > 0
 * @returns the infimum of the downtime limits that satisfy eq. (12) (ms)
 * @throws TypeError/RangeError outside `B > D > 0`, `x > 0`
 */
export function eq12DowntimeMs(bandwidthBytesPerMs: number, dirtyRateBytesPerMs: number, syncMs: number): number {
  requireRates('eq12DowntimeMs', bandwidthBytesPerMs, dirtyRateBytesPerMs);
  requireSyncMs('eq12DowntimeMs', syncMs);
  return (bandwidthBytesPerMs * syncMs) / (bandwidthBytesPerMs - dirtyRateBytesPerMs);
}

/**
 * Eq. (19): `y > 100·D·x/((B − D)·(100 − x))`, the bound in the short-iteration regime (eq. 15).
 * @param bandwidthBytesPerMs - real bandwidth B (bytes per ms)
 * @param dirtyRateBytesPerMs - dirty rate D (bytes per ms), `0 < D < B`
 * @param syncMs - bitmap sync time x (ms), `0 < x < 100`, since (18) reaches (19) by dividing by `100 − x`
 * @returns the infimum of the downtime limits that satisfy eq. (19) (ms)
 * @throws TypeError/RangeError outside `B > D > 0`, `0 < x < 100`
 */
export function eq19DowntimeMs(bandwidthBytesPerMs: number, dirtyRateBytesPerMs: number, syncMs: number): number {
  requireRates('eq19DowntimeMs', bandwidthBytesPerMs, dirtyRateBytesPerMs);
  requireSyncMs('eq19DowntimeMs', syncMs, true);
  const B = bandwidthBytesPerMs;
  const D = dirtyRateBytesPerMs;
  return (WINDOW_MS * D * syncMs) / ((B - D) * (WINDOW_MS - syncMs));
}
