/**
 * `expected-downtime` over time for a few recorded QEMU migrations: what `query-migrate` reported
 * against what the loop model reports after each turn, one small panel per point.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { PointComparison } from '../experiment/model-comparison.ts';
import { renderPlot } from './plot.ts';

/**
 * The points worth drawing: those where both QEMU and the model reported expected-downtime most often.
 * @param comparisons - every point's comparison
 * @param count - how many to draw
 * @returns the chosen points, in their original order
 */
export function pointsWithExpectedDowntime(comparisons: readonly PointComparison[], count: number): PointComparison[] {
  const ranked = comparisons
    .filter((c) => c.expectedDowntimeMedianErrorMs !== null)
    .sort((a, b) => b.measured.expectedDowntime.length - a.measured.expectedDowntime.length)
    .slice(0, count);
  return comparisons.filter((c) => ranked.includes(c));
}

/**
 * Draws measured and predicted expected-downtime over time.
 * @param points - the points to draw
 * @returns the SVG
 */
export function expectedDowntimePlot(points: readonly PointComparison[]): Promise<string> {
  const rows = points.flatMap((c) => [
    ...c.measured.expectedDowntime.map(([timeMs, ms]) => ({ point: c.id, series: 'QEMU (query-migrate)', timeS: timeMs / 1000, ms })),
    ...c.predicted.expectedDowntime.map(([timeMs, ms]) => ({ point: c.id, series: 'loop model', timeS: timeMs / 1000, ms })),
  ]);
  const spec: TopLevelSpec = {
    data: { values: rows },
    facet: { field: 'point', type: 'nominal', title: null },
    columns: 2,
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 260,
      height: 140,
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x: { field: 'timeS', type: 'quantitative', title: 'time since migrate (s)' },
        y: { field: 'ms', type: 'quantitative', title: 'expected-downtime (ms)' },
        color: { field: 'series', type: 'nominal', title: null },
      },
    },
  };
  return renderPlot(spec);
}
