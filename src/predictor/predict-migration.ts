/**
 * The migration-time predictor of `scripts/predict_migration.py`, proposed for QEMU in 2023 with the
 * `calc-dirty-rate` period vector ("migration/calc-dirty-rate: tool to predict migration time"). Its
 * rules, restated:
 *
 * - the first iteration sends every page: non-zero pages cost their size plus an 8-byte header, zero
 *   pages the header only; later iterations send only the pages the curve says were dirtied during
 *   the previous iteration, all non-zero;
 * - an iteration takes its bytes over the bandwidth; the migration stops after the first iteration
 *   whose time is at or below the downtime limit, and the total includes that iteration;
 * - when the total passes the deadline (1 hour) first, it does not converge;
 * - the total is rounded up to whole ms.
 */
import { requireFinite } from '../check.ts';
import type { DirtyCurve } from '../dirty-curve/dirty-curve.ts';

/** Bytes on the wire per page besides its contents (the page header). */
export const PAGE_HEADER_BYTES = 8;

/** How long the predictor lets a migration run before calling it non-converging (ms). */
export const DEFAULT_DEADLINE_MS = 3_600_000;

/**
 * Predicts how long a precopy migration takes.
 * @param curve - the guest's dirty-page curve
 * @param bandwidthBytesPerSecond - link bandwidth (bytes per second), > 0
 * @param downtimeLimitMs - downtime limit (ms), >= 0; Infinity for no limit
 * @param deadlineMs - time after which it counts as not converging (ms); default 1 hour
 * @returns the predicted time, rounded up to whole ms, or null when it does not converge by the deadline
 * @throws TypeError/RangeError for arguments outside their domain
 */
export function predictMigrationMs(curve: DirtyCurve, bandwidthBytesPerSecond: number, downtimeLimitMs: number, deadlineMs = DEFAULT_DEADLINE_MS): number | null {
  const fn = 'predictMigrationMs';
  requireFinite(fn, 'bandwidthBytesPerSecond', bandwidthBytesPerSecond, { gt: 0 });
  if (downtimeLimitMs !== Number.POSITIVE_INFINITY) requireFinite(fn, 'downtimeLimitMs', downtimeLimitMs, { ge: 0 });
  requireFinite(fn, 'deadlineMs', deadlineMs, { gt: 0 });
  let zeroPages = curve.zeroPages;
  let normalPages = curve.totalPages - curve.zeroPages;
  let totalMs = 0;
  for (;;) {
    const iterationBytes = normalPages * (curve.pageSizeBytes + PAGE_HEADER_BYTES) + zeroPages * PAGE_HEADER_BYTES;
    const iterationMs = (iterationBytes * 1000) / bandwidthBytesPerSecond;
    totalMs += iterationMs;
    if (iterationMs <= downtimeLimitMs) return Math.ceil(totalMs);
    if (totalMs > deadlineMs) return null;
    zeroPages = 0;
    normalPages = curve.dirtyPagesAfter(iterationMs);
  }
}
