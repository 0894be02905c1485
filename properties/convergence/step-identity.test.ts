/**
 * The symbolic step check on hand-made lines whose verdict is known without algebra: the same relation
 * written the other way round (`a < b` read as `b > a`), scaled by a constant, or turned into a
 * different relation. Each direction of comparison (`<`, `<=`, `>`, `>=`, `==`) is exercised, since
 * the check must orient every one so that the line holds iff its difference is positive (or zero).
 */
import { describe, expect, test } from 'vitest';
import type { DerivationLink, DerivationStep } from '../../src/convergence/derivation-steps.ts';
import { stepIdentity } from '../../src/convergence/step-identity.ts';

const line = (id: string, expression: string): DerivationStep => ({ id, seedText: expression, expression });
const link = (from: string, to: string, multiplier = '1', substitutions: DerivationLink['substitutions'] = []): DerivationLink => ({
  from, to, operation: 'test step', multiplier, substitutions, premises: [],
});
const check = (fromExpression: string, toExpression: string, multiplier = '1') =>
  stepIdentity(link('a', 'b', multiplier), [line('a', fromExpression), line('b', toExpression)]);

describe('stepIdentity', () => {
  test.each([
    ['x < y', 'y > x'],
    ['x <= y', 'y >= x'],
    ['y > x', 'x < y'],
    ['y >= x', 'x <= y'],
  ])('accepts %s rewritten as %s with k = 1: both say y − x is positive', (from, to) => {
    expect(check(from, to)).toEqual({ identity: true, equation: false });
  });

  test.each([
    ['x < y', 'x > y'],
    ['x <= y', 'x >= y'],
    ['x > y', 'x < y'],
  ])('rejects %s → %s: the direction is flipped, so the differences are negatives of each other', (from, to) => {
    expect(check(from, to).identity).toBe(false);
  });

  test('accepts a scaling of a "<" line by its stated multiplier, and rejects a wrong one', () => {
    expect(check('x < y', '3 * y > 3 * x', '3').identity).toBe(true);
    expect(check('x < y', '3 * x < 3 * y', '3').identity).toBe(true);
    expect(check('x < y', '3 * x < 3 * y', '2').identity).toBe(false);
  });

  test('reports equation only when both lines are equations', () => {
    expect(check('x == y', '2 * x == 2 * y', '2')).toEqual({ identity: true, equation: true });
    expect(check('x == y', 'y > x', '-1')).toEqual({ identity: true, equation: false });
    expect(check('y > x', 'x == y', '-1')).toEqual({ identity: true, equation: false });
    expect(check('x < y', '2 * x < 2 * y', '2')).toEqual({ identity: true, equation: false });
    expect(check('x <= y', '2 * x <= 2 * y', '2')).toEqual({ identity: true, equation: false });
  });

  test('makes the substitutions before comparing', () => {
    const steps = [line('a', 'x < t'), line('b', 'x < 2 * y')];
    expect(stepIdentity(link('a', 'b', '1', [{ name: 't', expression: '2 * y' }]), steps).identity).toBe(true);
    expect(stepIdentity(link('a', 'b', '1', [{ name: 't', expression: '3 * y' }]), steps).identity).toBe(false);
  });
});
