/**
 * The symbolic normal form agrees with exact evaluation, and decides identities exactly.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ConstantNode, OperatorNode, SymbolNode } from 'mathjs';
import { exactMath } from '../../src/convergence/exact-math.ts';
import { isIdenticallyZero, type Polynomial, type RationalFunction, subtractRational, toRationalFunction } from '../../src/convergence/rational-function.ts';
import { property } from '../fast-check-property.ts';

const VARIABLES = ['B', 'D', 'x', 'y'];
const expression = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...VARIABLES),
    fc.integer({ min: -5, max: 100 }).map(String),
    fc.tuple(tie('node'), fc.constantFrom('+', '-', '*', '/'), tie('node')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    tie('node').map((a) => `-(${a})`),
    tie('node').map((a) => `(${a})^2`),
  ),
})).node;
const point = fc.tuple(...VARIABLES.map(() => fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 9 }))));

function evaluatePolynomial(polynomial: Polynomial, scope: Record<string, unknown>) {
  let sum = exactMath.fraction(0);
  for (const [monomial, coefficient] of polynomial) {
    let term = exactMath.fraction(coefficient.toString());
    for (const name of monomial.split('*').filter((n) => n !== '')) term = exactMath.multiply(term, scope[name] as never) as never;
    sum = exactMath.add(sum, term) as never;
  }
  return sum;
}

const valueOf = (f: RationalFunction, scope: Record<string, unknown>) => {
  const denominator = evaluatePolynomial(f.denominator, scope);
  return exactMath.equal(denominator, 0) ? undefined : exactMath.divide(evaluatePolynomial(f.numerator, scope), denominator);
};

describe('rational normal form', () => {
  test('has the value of the expression wherever both are defined', property([expression, point], (text, values) => {
    const scope = Object.fromEntries(VARIABLES.map((name, i) => [name, exactMath.fraction(values[i][0], values[i][1])]));
    let direct: unknown;
    try {
      direct = exactMath.evaluate(text, scope);
    } catch {
      return; // a division by zero on the way: the normal form need not agree there
    }
    let normal: RationalFunction;
    try {
      normal = toRationalFunction(text);
    } catch (error) {
      expect((error as Error).message).toMatch(/identically 0/);
      return;
    }
    const value = valueOf(normal, scope);
    if (value !== undefined) expect(exactMath.equal(value, direct as never)).toBe(true);
  }, 300));

  test('finds e − e identically zero and e − e − 1 not', property([expression], (text) => {
    let normal: RationalFunction;
    try {
      normal = toRationalFunction(text);
    } catch {
      return;
    }
    expect(isIdenticallyZero(subtractRational(normal, normal))).toBe(true);
    expect(isIdenticallyZero(toRationalFunction(`(${text}) - (${text}) - 1`))).toBe(false);
  }, 200));

  test('decides the seed\'s step (8)→(9), which mathjs simplify leaves unsimplified', () => {
    const t = toRationalFunction('D * x / (B - D)');
    const residual = toRationalFunction('(B * t * y) / (x + t) - D * (x + t) - (D * y - D * (x + t))', new Map([['t', t]]));
    expect(isIdenticallyZero(residual)).toBe(true);
    expect(exactMath.simplify('(B * (D * x / (B - D)) * y) / (x + D * x / (B - D)) - D * y').toString()).not.toBe('0');
  });

  test('rejects what is not a rational expression', () => {
    expect(() => toRationalFunction('sqrt(x)')).toThrow(new TypeError('toRationalFunction: expression must be rational, got sqrt(x)'));
    expect(() => toRationalFunction('x ^ y')).toThrow(new TypeError('toRationalFunction: exponents must be non-negative integer constants, got x ^ y'));
    expect(() => toRationalFunction('1 / (x - x)')).toThrow(new RangeError('toRationalFunction: divisor must not be identically 0, got 1 / (x - x)'));
  });

  test('writes one polynomial per value: the constant 1 in a product and zero leave no trace', () => {
    // x, 1·x and +x are one polynomial (the monomial "x"); 0 is the empty polynomial, so it is
    // identically zero and adding it to x changes nothing.
    const x = toRationalFunction('x');
    for (const text of ['1 * x', 'x * 1', '+x', 'x + 0', 'x ^ 1', '2 * x / 2']) {
      expect(isIdenticallyZero(subtractRational(toRationalFunction(text), x))).toBe(true);
    }
    expect(toRationalFunction('1 * x').numerator).toEqual(new Map([['x', 1n]]));
    expect(toRationalFunction('y * 3 * x').numerator).toEqual(new Map([['x*y', 3n]]));
    expect(toRationalFunction('0').numerator).toEqual(new Map());
    expect(isIdenticallyZero(toRationalFunction('0'))).toBe(true);
    expect(isIdenticallyZero(toRationalFunction('0 / x'))).toBe(true);
  });

  test('takes x^0 as 1 and rejects a negative exponent, which has no polynomial form', () => {
    expect(isIdenticallyZero(toRationalFunction('x ^ 0 - 1'))).toBe(true);
    // Text such as x^-1 parses to a unary minus, not a constant; a constant -1 needs a built node.
    const negativePower = new OperatorNode('^', 'pow', [new SymbolNode('x'), new ConstantNode(-1)]);
    expect(() => toRationalFunction(negativePower)).toThrow(new TypeError('toRationalFunction: exponents must be non-negative integer constants, got x ^ -1'));
  });

  test('rejects constants that are not numbers and operators outside + - * / ^, naming them', () => {
    expect(() => toRationalFunction('x + "abc"')).toThrow(new TypeError('toRationalFunction: constants must be numbers, got "abc"'));
    expect(() => toRationalFunction('x + true')).toThrow(new TypeError('toRationalFunction: constants must be numbers, got true'));
    expect(() => toRationalFunction('x mod 2')).toThrow(new TypeError('toRationalFunction: operator must be one of + - * / ^, got mod'));
  });
});
