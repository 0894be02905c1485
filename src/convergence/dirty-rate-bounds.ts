/**
 * The seed's bounds solved for the dirty rate, as its second case uses them: for a given downtime
 * limit y, the supremum of the dirty rates satisfying each bound. Like `downtime-bounds.ts`, these
 * do not check the regime; `maxDirtyRate` does.
 */
import { requireFinite } from '../check.ts';
import { requireDowntimeLimitMs, requireSyncMs, WINDOW_MS } from './domain.ts';

/**
 * Eq. (12) solved for D, as the seed prints it: `D < B·(y − x)/y`. Negative when `y < x`: no dirty
 * rate satisfies (12) then.
 * @param bandwidthBytesPerMs - real bandwidth B (bytes per ms), > 0
 * @param syncMs - bitmap sync time x (ms), > 0
 * @param downtimeLimitMs - downtime limit y (ms), > 0
 * @returns the supremum of the dirty rates satisfying eq. (12) (bytes per ms)
 * @throws TypeError/RangeError outside `B > 0`, `x > 0`, `y > 0`
 */
export function eq12DirtyRateBytesPerMs(bandwidthBytesPerMs: number, syncMs: number, downtimeLimitMs: number): number {
  const fn = 'eq12DirtyRateBytesPerMs';
  requireFinite(fn, 'bandwidthBytesPerMs', bandwidthBytesPerMs, { gt: 0 });
  requireSyncMs(fn, syncMs);
  requireDowntimeLimitMs(fn, downtimeLimitMs);
  return (bandwidthBytesPerMs * (downtimeLimitMs - syncMs)) / downtimeLimitMs;
}

/**
 * Eq. (19) solved for D (the seed gives only the numbers): `D < y·B·(100 − x)/(100·x + y·(100 − x))`.
 * @param bandwidthBytesPerMs - real bandwidth B (bytes per ms), > 0
 * @param syncMs - bitmap sync time x (ms), `0 < x < 100`
 * @param downtimeLimitMs - downtime limit y (ms), > 0
 * @returns the supremum of the dirty rates satisfying eq. (19) (bytes per ms)
 * @throws TypeError/RangeError outside `B > 0`, `0 < x < 100`, `y > 0`
 */
export function eq19DirtyRateBytesPerMs(bandwidthBytesPerMs: number, syncMs: number, downtimeLimitMs: number): number {
  const fn = 'eq19DirtyRateBytesPerMs';
  requireFinite(fn, 'bandwidthBytesPerMs', bandwidthBytesPerMs, { gt: 0 });
  requireSyncMs(fn, syncMs, true);
  requireDowntimeLimitMs(fn, downtimeLimitMs);
  const y = downtimeLimitMs;
  const rest = WINDOW_MS - syncMs;
  return (y * bandwidthBytesPerMs * rest) / (WINDOW_MS * syncMs + y * rest);
}
