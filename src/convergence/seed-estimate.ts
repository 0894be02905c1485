/**
 * The seed's model of QEMU's bandwidth estimate, `R`, the premise everything else is derived from.
 */
import { requireFinite } from '../check.ts';
import { WINDOW_MS } from './domain.ts';

/**
 * The seed's `R`: `B·t/(x+t)` when `x + t > 100`, `B·(100−x)/100` when `x + t < 100`. The seed leaves
 * `x + t = 100` open; there `t = 100 − x`, so both formulas give `B·t/100` and the first one is used.
 * The second formula assumes one sync per 100 ms window; see `docs/convergence.md` for what a
 * measured window gives instead.
 * @param bandwidthBytesPerMs - real bandwidth B (bytes per ms), > 0
 * @param syncMs - bitmap sync time x (ms), > 0
 * @param transferMs - transfer time t of the iteration (ms), > 0
 * @returns the estimated bandwidth (bytes per ms)
 * @throws TypeError/RangeError when an argument is not a finite positive number
 */
export function seedEstimateBytesPerMs(bandwidthBytesPerMs: number, syncMs: number, transferMs: number): number {
  const fn = 'seedEstimateBytesPerMs';
  requireFinite(fn, 'bandwidthBytesPerMs', bandwidthBytesPerMs, { gt: 0 });
  requireFinite(fn, 'syncMs', syncMs, { gt: 0 });
  requireFinite(fn, 'transferMs', transferMs, { gt: 0 });
  if (syncMs + transferMs >= WINDOW_MS) return (bandwidthBytesPerMs * transferMs) / (syncMs + transferMs);
  return (bandwidthBytesPerMs * (WINDOW_MS - syncMs)) / WINDOW_MS;
}
