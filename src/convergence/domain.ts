/**
 * The domain of the seed's model, checked once at the public edge of every closed form so that each
 * rejection names the parameter and the value (`fn: param must be <constraint>, got <value>`).
 * B and D may be in any common unit (only D/B enters the formulas); the suite uses bytes per ms.
 */
import { rangeError, requireFinite } from '../check.ts';

/** The seed's window, `BUFFER_DELAY`, which its formulas write as the literal 100 (ms). */
export const WINDOW_MS = 100;

/**
 * Checks `B > D > 0`, the seed's "only consider the case B > D".
 * @param fn - the public function doing the check
 * @param bandwidthBytesPerMs - real bandwidth B (bytes per ms)
 * @param dirtyRateBytesPerMs - dirty rate D (bytes per ms)
 * @throws TypeError when either is not a number; RangeError when either is not finite, D <= 0 or D >= B
 */
export function requireRates(fn: string, bandwidthBytesPerMs: number, dirtyRateBytesPerMs: number): void {
  requireFinite(fn, 'bandwidthBytesPerMs', bandwidthBytesPerMs, { gt: 0 });
  requireFinite(fn, 'dirtyRateBytesPerMs', dirtyRateBytesPerMs, { gt: 0 });
  if (!(dirtyRateBytesPerMs < bandwidthBytesPerMs)) {
    throw rangeError(fn, 'dirtyRateBytesPerMs', `< bandwidthBytesPerMs (${bandwidthBytesPerMs})`, dirtyRateBytesPerMs);
  }
}

/**
 * Checks a bitmap sync time `x > 0`, and `x < 100` where eq. (19) divides by `100 − x`.
 * @param fn - the public function doing the check
 * @param syncMs - sync time x (ms)
 * @param belowWindow - whether `x < 100` is required too
 * @throws TypeError when it is not a number; RangeError when it is outside the domain
 */
export function requireSyncMs(fn: string, syncMs: number, belowWindow = false): void {
  requireFinite(fn, 'syncMs', syncMs, belowWindow ? { gt: 0, lt: WINDOW_MS } : { gt: 0 });
}

/**
 * Checks a downtime limit `y > 0`.
 * @param fn - the public function doing the check
 * @param downtimeLimitMs - downtime limit y (ms)
 * @throws TypeError when it is not a number; RangeError when it is not finite and positive
 */
export function requireDowntimeLimitMs(fn: string, downtimeLimitMs: number): void {
  requireFinite(fn, 'downtimeLimitMs', downtimeLimitMs, { gt: 0 });
}
