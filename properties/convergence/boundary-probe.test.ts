/**
 * Bisection towards a line's boundary on steps whose boundaries are known by hand (x > 5 and x > 7),
 * started from two points 19 apart, so each found pair can be checked exactly: it straddles the
 * boundary of the line its probe aims at, and is 19/2^30 wide after the 30 halvings.
 */
import type { Fraction } from 'mathjs';
import { describe, expect, test } from 'vitest';
import type { DerivationLink, DerivationStep } from '../../src/convergence/derivation-steps.ts';
import { probeBoundaries } from '../../src/convergence/boundary-probe.ts';
import { exactMath } from '../../src/convergence/exact-math.ts';
import { compileLink, type SamplePoint } from '../../src/convergence/link-sampling.ts';
import { seededRandom } from '../../src/convergence/rational-sampler.ts';

function compiled(fromExpression: string, toExpression: string, premises: string[] = []) {
  const steps: DerivationStep[] = [
    { id: 'a', seedText: fromExpression, expression: fromExpression },
    { id: 'b', seedText: toExpression, expression: toExpression },
  ];
  const link: DerivationLink = { from: 'a', to: 'b', operation: 'test step', multiplier: '1', substitutions: [], premises: premises.map((p) => ({ label: p, expression: p })) };
  return compileLink(link, steps);
}

const at = (link: ReturnType<typeof compiled>, values: Record<string, number>): SamplePoint => {
  const point = link.evaluate(Object.fromEntries(Object.entries(values).map(([name, v]) => [name, exactMath.fraction(v)])));
  if (point === null) throw new Error('test point must satisfy the premises');
  return point;
};
const value = (point: SamplePoint, name: string) => Number(point.free[name] as Fraction);
const pairs = (found: SamplePoint[]) => Array.from({ length: found.length / 2 }, (_, i) => [found[2 * i], found[2 * i + 1]] as const);

describe('probeBoundaries', () => {
  const link = compiled('x > 5', 'x > 7');
  const points = [at(link, { x: 1 }), at(link, { x: 20 })];

  test('aims probes at line 0, 1, 0, … and brackets each boundary to 19/2^30', () => {
    const found = probeBoundaries(link, points, seededRandom(3), 3);
    expect(found).toHaveLength(6);
    const boundaries = [5, 7, 5];
    pairs(found).forEach(([low, high], i) => {
      const line = i % 2;
      // The first of each pair keeps the class its start point had on the line, the second the other.
      expect(low.pointClass[line]).not.toBe(high.pointClass[line]);
      const [lowX, highX] = [value(low, 'x'), value(high, 'x')];
      expect(Math.min(lowX, highX)).toBeLessThanOrEqual(boundaries[i]);
      expect(Math.max(lowX, highX)).toBeGreaterThan(boundaries[i]);
      const width = exactMath.abs(exactMath.subtract(low.free.x, high.free.x) as Fraction);
      expect(exactMath.equal(width, exactMath.fraction(19, 2 ** 30))).toBe(true);
    });
  });

  test('runs no probe, and so draws nothing from the shared generator, with fewer than two points', () => {
    // The caller draws its next samples from the same generator, so a wasted draw would change them.
    let draws = 0;
    const random = seededRandom(3);
    const counting = () => { draws++; return random(); };
    expect(probeBoundaries(link, [], counting, 4)).toEqual([]);
    expect(probeBoundaries(link, [points[0]], counting, 4)).toEqual([]);
    expect(draws).toBe(0);
  });

  test('varies every free variable, not only the first', () => {
    // Only y decides the lines; x (sorted first) is free through the premise alone.
    const yLink = compiled('y > 5', 'y > 7', ['x > 0']);
    const found = probeBoundaries(yLink, [at(yLink, { x: 1, y: 1 }), at(yLink, { x: 2, y: 20 })], seededRandom(3), 4);
    expect(found.length).toBeGreaterThan(0);
    for (const [low, high] of pairs(found)) expect(value(low, 'x')).toBe(value(high, 'x'));
  });

  test('gives up on a probe after ten tries of three draws each when no pair straddles', () => {
    let draws = 0;
    const random = seededRandom(3);
    const counting = () => { draws++; return random(); };
    expect(probeBoundaries(link, [at(link, { x: 1 }), at(link, { x: 2 })], counting, 1)).toEqual([]);
    expect(draws).toBe(30);
  });

  test('stops bisecting where a premise fails, keeping the last pair that satisfies it', () => {
    const gapped = compiled('x > 4', 'x > 7', ['x != 3']);
    // The first midpoint of 1 and 5 is 3, outside the premise.
    const found = probeBoundaries(gapped, [at(gapped, { x: 1 }), at(gapped, { x: 5 })], seededRandom(3), 1);
    expect(found.map((p) => value(p, 'x')).sort()).toEqual([1, 5]);
  });

  test('stops bisecting where the line is undefined, and never starts from an undefined point', () => {
    const holed = compiled('x + 0 / (x - 3) > 4', 'x > 7');
    const start = [at(holed, { x: 1 }), at(holed, { x: 3 }), at(holed, { x: 5 })];
    expect(start[1].pointClass).toBe('undefined');
    const found = probeBoundaries(holed, start, seededRandom(3), 5);
    expect(found.length).toBeGreaterThan(0);
    for (const [low, high] of pairs(found)) expect([value(low, 'x'), value(high, 'x')].sort()).toEqual([1, 5]);
  });
});
