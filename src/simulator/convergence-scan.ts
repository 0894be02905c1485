/**
 * Where convergence is not monotone in a quantity, bisection alone lands on the edge of whichever
 * converging interval it meets first. This search scans a grid, counts the separate converging
 * intervals it sees, rescans the band around the greatest (or least) converging point more finely,
 * and only then bisects that interval's outer edge. The count is what the scans saw: separate intervals
 * between coarse grid points away from the edge, or narrower than the finest step, can hide, so it is a
 * lower bound.
 */
import { requireFinite, requireInteger } from '../check.ts';

/** The outer edge of the converging set, found by scan and bisection. */
export interface ScanResult {
  /** Whether any scanned point converged. */
  readonly converges: boolean;
  /** The converging point at the searched edge (the greatest for `greatest`, the least for `least`). */
  readonly edge: number;
  /** The non-converging point beyond it, within the tolerance; the range end when the edge reaches it. */
  readonly beyond: number;
  /** Separate converging intervals the scans saw (at least this many exist); 1 for a monotone set. */
  readonly intervals: number;
}

/** Grid resolution and bisection tolerance. */
export interface ScanOptions {
  /** Points of the coarse grid, and of the fine one (default 400). */
  readonly gridPoints?: number;
  /** Stop bisecting at this fraction of the range (default 1e-9). */
  readonly relativeTolerance?: number;
}

/** How many times the scan zooms into the cell at the edge before bisecting. */
const ZOOM_LEVELS = 3;

function countRuns(values: readonly boolean[]): number {
  let runs = 0;
  values.forEach((value, index) => {
    if (value && (index === 0 || !values[index - 1])) runs++;
  });
  return runs;
}

/**
 * Finds the greatest (or least) point of `[low, high]` that converges.
 * @param low - lower end of the range
 * @param high - upper end of the range, > low
 * @param converges - whether a point converges
 * @param direction - `greatest` searches the top edge, `least` the bottom one
 * @param options - grid and tolerance
 * @returns the edge, the point beyond it, and the intervals seen
 * @throws RangeError for a range or options outside their domain
 */
export function scanConvergence(low: number, high: number, converges: (point: number) => boolean, direction: 'greatest' | 'least', options: ScanOptions = {}): ScanResult {
  const fn = 'scanConvergence';
  requireFinite(fn, 'low', low);
  requireFinite(fn, 'high', high, { gt: low });
  const points = requireInteger(fn, 'options.gridPoints', options.gridPoints ?? 400, 3);
  const tolerance = requireFinite(fn, 'options.relativeTolerance', options.relativeTolerance ?? 1e-9, { gt: 0, lt: 1 });
  const grid = (from: number, to: number) => Array.from({ length: points }, (_, i) => from + ((to - from) * i) / (points - 1));
  const coarse = grid(low, high);
  const coarseValues = coarse.map(converges);
  if (!coarseValues.includes(true)) return { converges: false, edge: Number.NaN, beyond: Number.NaN, intervals: 0 };
  const index = direction === 'greatest' ? coarseValues.lastIndexOf(true) : coarseValues.indexOf(true);
  const outward = direction === 'greatest' ? 1 : -1;
  if (coarse[index + outward] === undefined) return { converges: true, edge: coarse[index], beyond: coarse[index], intervals: countRuns(coarseValues) };
  // Zoom into the cell between the outermost converging point and its non-converging neighbour, where
  // narrower intervals may sit, a few times over; each zoom's run at the converging end is the previous one's.
  let intervals = countRuns(coarseValues);
  let inside = coarse[index];
  let outside = coarse[index + outward];
  for (let level = 0; level < ZOOM_LEVELS; level++) {
    const cell = grid(Math.min(inside, outside), Math.max(inside, outside));
    const cellValues = cell.map(converges);
    intervals += countRuns(cellValues) - 1;
    const cellIndex = direction === 'greatest' ? cellValues.lastIndexOf(true) : cellValues.indexOf(true);
    inside = cell[cellIndex];
    outside = cell[cellIndex + outward];
  }
  while (Math.abs(outside - inside) > tolerance * (high - low)) {
    const middle = (inside + outside) / 2;
    if (converges(middle)) inside = middle;
    else outside = middle;
  }
  return { converges: true, edge: inside, beyond: outside, intervals };
}
