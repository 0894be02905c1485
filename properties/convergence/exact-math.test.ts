/**
 * Exact evaluation: a division by zero is the one failure that becomes `undefined` (the point lies
 * off the expression's domain); every other failure is the caller's mistake and must surface.
 */
import { describe, expect, test } from 'vitest';
import { compileExact, evaluateExact, exactMath, formatExact } from '../../src/convergence/exact-math.ts';

describe('evaluateExact', () => {
  test('computes in exact rationals: 1/3 + 1/6 is 1/2, not a binary approximation', () => {
    const value = evaluateExact(compileExact('a + b'), { a: exactMath.fraction(1, 3), b: exactMath.fraction(1, 6) });
    expect(formatExact(value)).toBe('1/2');
  });

  test('returns undefined where the expression divides by zero', () => {
    expect(evaluateExact(compileExact('y > B * x / (B - D)'), { B: exactMath.fraction(5), D: exactMath.fraction(5), x: exactMath.fraction(1), y: exactMath.fraction(1) })).toBeUndefined();
  });

  test('rethrows any other error, such as a variable missing from the scope', () => {
    expect(() => evaluateExact(compileExact('x + missingVariable'), { x: exactMath.fraction(1) })).toThrow(/missingVariable/);
  });
});

describe('formatExact', () => {
  test.each([
    [exactMath.fraction(73), '73'],
    [exactMath.fraction(-1, 3), '-1/3'],
    [exactMath.fraction(22, 7), '22/7'],
    [true, 'true'],
    [false, 'false'],
    [undefined, 'undefined'],
  ])('renders %s as %s', (value, text) => {
    expect(formatExact(value)).toBe(text);
  });
});
