/**
 * Which of the seed's two cases applies: whether an iteration at the critical state lasts at least
 * one bandwidth window (eq. 5) or less (eq. 15). The boundary `x + t* = 100` belongs to eq. (5), as it
 * does in `seedEstimateBytesPerMs`; both bounds give 100 ms there.
 */
import { requireSyncMs, requireRates, WINDOW_MS } from './domain.ts';

/** `long-iteration`: `x + t* >= 100`, eq. (5), bound eq. (12); `short-iteration`: eq. (15), bound eq. (19). */
export type Regime = 'long-iteration' | 'short-iteration';

/**
 * Eq. (5): `x > 100 − 100·D/B` (with the boundary included), i.e. `x + t* >= 100`.
 * @param bandwidthBytesPerMs - real bandwidth B (bytes per ms)
 * @param dirtyRateBytesPerMs - dirty rate D (bytes per ms), `0 < D < B`
 * @param syncMs - bitmap sync time x (ms), > 0
 * @returns whether the critical iteration lasts at least 100 ms
 * @throws TypeError/RangeError outside `B > D > 0`, `x > 0`
 */
export function eq5Holds(bandwidthBytesPerMs: number, dirtyRateBytesPerMs: number, syncMs: number): boolean {
  return isLongIteration('eq5Holds', bandwidthBytesPerMs, dirtyRateBytesPerMs, syncMs);
}

/** Eq. (5), checked in the name of the public function the caller called, so its errors name that one. */
function isLongIteration(fn: string, bandwidthBytesPerMs: number, dirtyRateBytesPerMs: number, syncMs: number): boolean {
  requireRates(fn, bandwidthBytesPerMs, dirtyRateBytesPerMs);
  requireSyncMs(fn, syncMs);
  return syncMs >= boundarySyncMs(bandwidthBytesPerMs, dirtyRateBytesPerMs);
}

function boundarySyncMs(bandwidthBytesPerMs: number, dirtyRateBytesPerMs: number): number {
  return WINDOW_MS - (WINDOW_MS * dirtyRateBytesPerMs) / bandwidthBytesPerMs;
}

/**
 * The sync time where eqs. (5) and (15) meet: `x = 100 − 100·D/B`, where `x + t* = 100`.
 * @param bandwidthBytesPerMs - real bandwidth B (bytes per ms)
 * @param dirtyRateBytesPerMs - dirty rate D (bytes per ms), `0 < D < B`
 * @returns the boundary sync time (ms); larger sync times are long-iteration
 * @throws TypeError/RangeError outside `B > D > 0`
 */
export function regimeBoundarySyncMs(bandwidthBytesPerMs: number, dirtyRateBytesPerMs: number): number {
  requireRates('regimeBoundarySyncMs', bandwidthBytesPerMs, dirtyRateBytesPerMs);
  return boundarySyncMs(bandwidthBytesPerMs, dirtyRateBytesPerMs);
}

/**
 * Eq. (15): `x < 100 − 100·D/B`, i.e. `x + t* < 100`; the complement of eq. (5).
 * @param bandwidthBytesPerMs - real bandwidth B (bytes per ms)
 * @param dirtyRateBytesPerMs - dirty rate D (bytes per ms), `0 < D < B`
 * @param syncMs - bitmap sync time x (ms), > 0
 * @returns whether the critical iteration lasts less than 100 ms
 * @throws TypeError/RangeError outside `B > D > 0`, `x > 0`
 */
export function eq15Holds(bandwidthBytesPerMs: number, dirtyRateBytesPerMs: number, syncMs: number): boolean {
  return !isLongIteration('eq15Holds', bandwidthBytesPerMs, dirtyRateBytesPerMs, syncMs);
}

/**
 * The regime of the critical state.
 * @param bandwidthBytesPerMs - real bandwidth B (bytes per ms)
 * @param dirtyRateBytesPerMs - dirty rate D (bytes per ms), `0 < D < B`
 * @param syncMs - bitmap sync time x (ms), > 0
 * @returns `long-iteration` where eq. (5) holds, else `short-iteration`
 * @throws TypeError/RangeError outside `B > D > 0`, `x > 0`
 */
export function regimeOf(bandwidthBytesPerMs: number, dirtyRateBytesPerMs: number, syncMs: number): Regime {
  return isLongIteration('regimeOf', bandwidthBytesPerMs, dirtyRateBytesPerMs, syncMs) ? 'long-iteration' : 'short-iteration';
}
