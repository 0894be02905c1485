/**
 * The greatest dirty rate that converges under a given downtime limit, over both regimes.
 */
import { requireFinite } from '../check.ts';
import { eq12DirtyRateBytesPerMs, eq19DirtyRateBytesPerMs } from './dirty-rate-bounds.ts';
import { requireDowntimeLimitMs, requireSyncMs, WINDOW_MS } from './domain.ts';
import type { Regime } from './regime.ts';

/** The seed's greatest converging dirty rate. */
export interface ClosedFormDirtyRate {
  /** False when no dirty rate > 0 converges (x >= 100 and y <= x); a result, not an error. */
  readonly converges: boolean;
  /** The supremum: every smaller dirty rate converges, this one does not (bytes per ms); 0 when none does. */
  readonly dirtyRateBytesPerMs: number;
  /** The regime at the supremum, or null when nothing converges. */
  readonly regime: Regime | null;
  /** The bound that gives the supremum, or null when nothing converges. */
  readonly equation: 12 | 19 | null;
}

/**
 * The greatest dirty rate for which the stop condition can hold at the critical state. Both bounds
 * rise with D, so the converging rates are `(0, D*)`; D* lies in the regime where its own bound,
 * evaluated in that regime, reaches y. At the regime boundary `D_b = B·(100 − x)/100` both bounds are
 * exactly 100 ms, hence D* is in the long-iteration regime iff `y >= 100` and eq. (19) (which needs
 * `x < 100`) is only used when `y < 100` and `x < 100`. For `x >= 100` every D is long-iteration.
 * @param bandwidthBytesPerMs - real bandwidth B (bytes per ms), > 0
 * @param syncMs - bitmap sync time x (ms), > 0
 * @param downtimeLimitMs - downtime limit y (ms), > 0
 * @returns the supremum of the converging dirty rates, with its regime and equation
 * @throws TypeError/RangeError outside `B > 0`, `x > 0`, `y > 0`
 */
export function maxDirtyRate(bandwidthBytesPerMs: number, syncMs: number, downtimeLimitMs: number): ClosedFormDirtyRate {
  const fn = 'maxDirtyRate';
  requireFinite(fn, 'bandwidthBytesPerMs', bandwidthBytesPerMs, { gt: 0 });
  requireSyncMs(fn, syncMs);
  requireDowntimeLimitMs(fn, downtimeLimitMs);
  if (downtimeLimitMs >= WINDOW_MS || syncMs >= WINDOW_MS) {
    // Eq. (12) requires y > B·x/(B − D) > x: nothing converges when y <= x.
    if (downtimeLimitMs <= syncMs) return { converges: false, dirtyRateBytesPerMs: 0, regime: null, equation: null };
    const dirtyRateBytesPerMs = eq12DirtyRateBytesPerMs(bandwidthBytesPerMs, syncMs, downtimeLimitMs);
    return { converges: true, dirtyRateBytesPerMs, regime: 'long-iteration', equation: 12 };
  }
  const dirtyRateBytesPerMs = eq19DirtyRateBytesPerMs(bandwidthBytesPerMs, syncMs, downtimeLimitMs);
  return { converges: true, dirtyRateBytesPerMs, regime: 'short-iteration', equation: 19 };
}
