/**
 * The least downtime limit for which the seed's stop condition can hold at the critical state.
 */
import { criticalTransferMs } from './critical-state.ts';
import { requireRates, requireSyncMs } from './domain.ts';
import { eq12DowntimeMs, eq19DowntimeMs } from './downtime-bounds.ts';
import { type Regime, regimeOf } from './regime.ts';

/** The seed's least downtime limit and how it was reached. */
export interface ClosedFormDowntime {
  /** The infimum of the converging limits: the stop condition holds for every larger limit (ms). */
  readonly downtimeLimitMs: number;
  /** The regime of the critical state, which picks the bound. */
  readonly regime: Regime;
  /** The bound used: eq. (12) in the long-iteration regime, eq. (19) in the short one. */
  readonly equation: 12 | 19;
  /** t* from eq. (2) (ms). */
  readonly transferMs: number;
}

/**
 * The least downtime limit for which the stop condition can hold (seed eqs. 2, 5/15, 12/19): the
 * regime is chosen from the inputs, and only that regime's bound is evaluated. The seed's condition is
 * strict (`y >` the bound); QEMU's is not (`pending <= threshold`); both have this infimum.
 * @param bandwidthBytesPerMs - real bandwidth B (bytes per ms)
 * @param dirtyRateBytesPerMs - dirty rate D (bytes per ms), `0 < D < B`
 * @param syncMs - bitmap sync time x (ms), > 0
 * @returns the limit, regime, equation and t*
 * @throws TypeError/RangeError outside `B > D > 0`, `x > 0`
 */
export function minDowntime(bandwidthBytesPerMs: number, dirtyRateBytesPerMs: number, syncMs: number): ClosedFormDowntime {
  requireRates('minDowntime', bandwidthBytesPerMs, dirtyRateBytesPerMs);
  requireSyncMs('minDowntime', syncMs);
  const transferMs = criticalTransferMs(bandwidthBytesPerMs, dirtyRateBytesPerMs, syncMs);
  const regime = regimeOf(bandwidthBytesPerMs, dirtyRateBytesPerMs, syncMs);
  // (15) implies x < 100, so eq. (19) is only reached inside its domain.
  if (regime === 'long-iteration') {
    return { downtimeLimitMs: eq12DowntimeMs(bandwidthBytesPerMs, dirtyRateBytesPerMs, syncMs), regime, equation: 12, transferMs };
  }
  return { downtimeLimitMs: eq19DowntimeMs(bandwidthBytesPerMs, dirtyRateBytesPerMs, syncMs), regime, equation: 19, transferMs };
}
