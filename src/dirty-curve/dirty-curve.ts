/**
 * Distinct pages a guest dirties in a given time after a clean state, reconstructed from a
 * `calc-dirty-rate` measurement by the rules of that series' `scripts/predict_migration.py`:
 *
 * - sample counts are scaled to the whole guest by `n-total-pages / n-sampled-pages`;
 * - between measured periods the curve is piecewise linear;
 * - to the left it follows the line through the first two points back to t = 0, clamped at 0 pages;
 * - to the right it follows the line through the last two points until every non-zero page is dirty,
 *   then stays there; when that line does not rise, it stays at the last measured count.
 *
 * Lookups walk the points in that order and interpolate against the first point past the time, as the
 * script does, so a measurement whose last count already exceeds the non-zero pages behaves as there.
 */
import { requireFinite } from '../check.ts';
import type { CalcDirtyRate } from './calc-dirty-rate.ts';

interface CurvePoint {
  readonly periodMs: number;
  readonly dirtyPages: number;
}

/** The reconstructed curve. */
export interface DirtyCurve {
  /** Guest page size (bytes). */
  readonly pageSizeBytes: number;
  /** Guest RAM (pages). */
  readonly totalPages: number;
  /** Zero pages, scaled to the whole guest (pages, not necessarily whole). */
  readonly zeroPages: number;
  /** Pages that can ever be dirty: total minus zero pages (pages). */
  readonly maxDirtyPages: number;
  /**
   * Distinct pages dirtied in `elapsedMs` after a clean state.
   * @param elapsedMs - time since the clean state (ms), >= 0
   * @returns pages (not necessarily whole)
   */
  dirtyPagesAfter(elapsedMs: number): number;
}

function line(left: CurvePoint, right: CurvePoint): { slope: number; offset: number } {
  const slope = (right.dirtyPages - left.dirtyPages) / (right.periodMs - left.periodMs);
  return { slope, offset: left.dirtyPages - slope * left.periodMs };
}

/**
 * Builds the curve of a measurement.
 * @param measurement - a validated `calc-dirty-rate` result
 * @returns the curve
 */
export function dirtyCurveOf(measurement: CalcDirtyRate): DirtyCurve {
  const sampleRatio = measurement.sampledPages / measurement.totalPages;
  const zeroPages = measurement.zeroSampledPages / sampleRatio;
  const maxDirtyPages = measurement.totalPages - zeroPages;
  const points: CurvePoint[] = measurement.periodsMs.map((periodMs, index) => ({ periodMs, dirtyPages: measurement.dirtySampledPages[index] / sampleRatio }));
  const first = line(points[0], points[1]);
  points.unshift({ periodMs: 0, dirtyPages: Math.max(first.offset, 0) });
  const last = line(points[points.length - 2], points[points.length - 1]);
  if (last.slope > 0) points.push({ periodMs: (maxDirtyPages - last.offset) / last.slope, dirtyPages: maxDirtyPages });
  points.push({ periodMs: Number.POSITIVE_INFINITY, dirtyPages: maxDirtyPages });
  return {
    pageSizeBytes: measurement.pageSizeBytes,
    totalPages: measurement.totalPages,
    zeroPages,
    maxDirtyPages,
    dirtyPagesAfter(elapsedMs) {
      requireFinite('dirtyPagesAfter', 'elapsedMs', elapsedMs, { ge: 0 });
      for (let index = 0; index < points.length; index++) {
        if (points[index].periodMs === elapsedMs) return points[index].dirtyPages;
        if (points[index].periodMs > elapsedMs) {
          const { slope, offset } = line(points[index - 1], points[index]);
          // Past the last finite point the slope is 0/∞ = 0, so the curve stays at that point's count.
          return offset + (slope === 0 ? 0 : slope * elapsedMs);
        }
      }
      throw new RangeError(`dirtyPagesAfter: elapsedMs must be below the curve's last point, got ${elapsedMs}`);
    },
  };
}
