/**
 * The seed's critical convergence state: the iteration that sends exactly what the previous one let
 * the guest dirty, `B·t = D·(x+t)` (eq. 1). It is the fixed point the iteration `t' = D·(t+x)/B`
 * approaches from a larger start, never a state the migration is in.
 */
import { requireSyncMs, requireRates } from './domain.ts';

/**
 * Eq. (2): `t = D·x/(B − D)`, the transfer time per iteration at the critical state.
 * @param bandwidthBytesPerMs - real bandwidth B (bytes per ms)
 * @param dirtyRateBytesPerMs - dirty rate D (bytes per ms), `0 < D < B`
 * @param syncMs - bitmap sync time x (ms), > 0
 * @returns t* (ms)
 * @throws TypeError/RangeError outside `B > D > 0`, `x > 0`
 */
export function criticalTransferMs(bandwidthBytesPerMs: number, dirtyRateBytesPerMs: number, syncMs: number): number {
  const fn = 'criticalTransferMs';
  requireRates(fn, bandwidthBytesPerMs, dirtyRateBytesPerMs);
  requireSyncMs(fn, syncMs);
  return (dirtyRateBytesPerMs * syncMs) / (bandwidthBytesPerMs - dirtyRateBytesPerMs);
}
