/**
 * The scan refined by bisection finds the outer edge of a converging set made of several intervals,
 * and counts the intervals it saw.
 */
import { describe, expect, test } from 'vitest';
import { scanConvergence } from '../../src/simulator/convergence-scan.ts';

// On a 401-point grid of [0, 4] (step 0.01): [0.1, 1] and [2, 3] span grid points; [3.003, 3.006] lies
// inside the cell above 3, where the zoom looks; [3.5024, 3.5064] lies inside a cell far from the edge.
const intervalsAt = (v: number) => (v >= 0.1 && v <= 1) || (v >= 2 && v <= 3) || (v >= 3.003 && v <= 3.006);
const hiddenAbove = (v: number) => intervalsAt(v) || (v >= 3.5024 && v <= 3.5064);
const threeIntervals = intervalsAt;

describe('scanConvergence', () => {
  test('finds the top edge of the highest interval next to the coarse edge, within the tolerance', () => {
    const found = scanConvergence(0, 4, threeIntervals, 'greatest', { gridPoints: 401, relativeTolerance: 1e-9 });
    expect(found.edge).toBeGreaterThan(3.0059);
    expect(found.edge).toBeLessThanOrEqual(3.006);
    expect(found.beyond - found.edge).toBeLessThanOrEqual(4e-9);
    expect(threeIntervals(found.edge)).toBe(true);
    expect(threeIntervals(found.beyond)).toBe(false);
  });

  test('counts the separate intervals the scans saw', () => {
    expect(scanConvergence(0, 4, threeIntervals, 'greatest', { gridPoints: 401 }).intervals).toBe(3);
    // An interval between grid points away from the edge is missed: the count is a lower bound.
    expect(scanConvergence(0, 4, hiddenAbove, 'greatest', { gridPoints: 401 })).toMatchObject({ intervals: 3 });
    expect(scanConvergence(0, 4, (v) => v <= 2.5, 'greatest').intervals).toBe(1);
  });

  test('finds the bottom edge of the lowest interval', () => {
    const found = scanConvergence(0, 4, threeIntervals, 'least', { gridPoints: 401, relativeTolerance: 1e-9 });
    expect(found.edge).toBeCloseTo(0.1, 7);
    // Zooming at the bottom edge does not reach [3.003, 3.006], which no coarse point hits.
    expect(found.intervals).toBe(2);
  });

  test('reports no convergence as a result, and rejects an empty range', () => {
    expect(scanConvergence(0, 1, () => false, 'greatest')).toMatchObject({ converges: false, intervals: 0 });
    expect(() => scanConvergence(1, 1, () => true, 'greatest')).toThrow(new RangeError('scanConvergence: high must be > 1, got 1'));
  });
});
