/**
 * Points close to where a line of the derivation changes truth value. Uniform random points rarely
 * fall in a thin band, such as a bound off by 1 ms, so the check also bisects, in exact rationals,
 * between two sample points that differ in one variable and disagree on a line, and keeps the two
 * points that end up closest to that line's boundary.
 */
import { exactMath } from './exact-math.ts';
import type { CompiledLink, SamplePoint } from './link-sampling.ts';
import type { Random } from './rational-sampler.ts';

/** Halvings per probe: the bracket shrinks to 2^-30 of its start, well inside any band of interest. */
const HALVINGS = 30;
/** Tries per probe to find two points, one variable apart, on either side of the line's boundary. */
const PAIR_TRIES = 10;

const lineValue = (point: SamplePoint, line: 0 | 1): boolean | undefined => (point.pointClass === 'undefined' ? undefined : point.pointClass[line] === 'T');

function straddlingPair(link: CompiledLink, pick: () => SamplePoint, random: Random, line: 0 | 1): { points: [SamplePoint, SamplePoint]; variable: string } | null {
  for (let attempt = 0; attempt < PAIR_TRIES; attempt++) {
    const variable = link.freeVariables[Math.floor(random() * link.freeVariables.length)];
    const low = pick();
    const high = link.evaluate({ ...low.free, [variable]: pick().free[variable] });
    const [a, b] = [lineValue(low, line), high === null ? undefined : lineValue(high, line)];
    if (high !== null && a !== undefined && b !== undefined && a !== b) return { points: [low, high], variable };
  }
  return null;
}

/**
 * Bisects towards the boundaries of both lines of a step, starting from sample points.
 * @param link - the compiled step
 * @param points - points that satisfy every premise
 * @param random - the generator, for choosing pairs and variables
 * @param probes - how many bisections to run
 * @returns the points found next to a boundary (two per successful probe), all satisfying every premise
 */
export function probeBoundaries(link: CompiledLink, points: readonly SamplePoint[], random: Random, probes: number): SamplePoint[] {
  const found: SamplePoint[] = [];
  const pick = () => points[Math.floor(random() * points.length)];
  for (let probe = 0; probe < probes && points.length > 1; probe++) {
    const line = probe % 2 === 0 ? 0 : 1;
    const pair = straddlingPair(link, pick, random, line);
    if (pair === null) continue;
    let [low, high] = pair.points;
    const { variable } = pair;
    for (let step = 0; step < HALVINGS; step++) {
      const middle = exactMath.divide(exactMath.add(low.free[variable], high.free[variable]), 2);
      // Premises such as x + t > 100 need not hold on the whole segment: stop where they fail.
      const point = link.evaluate({ ...low.free, [variable]: middle as never });
      if (point === null || lineValue(point, line) === undefined) break;
      if (lineValue(point, line) === lineValue(low, line)) low = point;
      else high = point;
    }
    found.push(low, high);
  }
  return found;
}
