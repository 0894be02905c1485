/**
 * Exact symbolic normal form for the seed's expressions: a mathjs parse tree turned into a ratio of
 * two polynomials with integer coefficients. mathjs's own `simplify` cannot reduce several of the
 * seed's steps to 0 (nested fractions such as (8) and (18)) and `rationalize` does not finish on
 * them, so the normal form is built here from mathjs nodes and mathjs Fractions. No cancellation is
 * attempted: a ratio is zero exactly when its numerator expands to the zero polynomial.
 */
import { type MathNode, type ConstantNode, type OperatorNode, type ParenthesisNode, type SymbolNode, parse, fraction, type Fraction } from 'mathjs';

/** A polynomial: monomial (variable names joined by `*`, sorted, `''` for 1) to its integer coefficient. */
export type Polynomial = ReadonlyMap<string, bigint>;

/** `numerator / denominator`; the denominator is never the zero polynomial. */
export interface RationalFunction {
  readonly numerator: Polynomial;
  readonly denominator: Polynomial;
}

const constant = (value: bigint): Polynomial => (value === 0n ? new Map() : new Map([['', value]]));

function addPolynomials(p: Polynomial, q: Polynomial, sign: bigint): Polynomial {
  const sum = new Map(p);
  for (const [monomial, coefficient] of q) {
    const total = (sum.get(monomial) ?? 0n) + sign * coefficient;
    if (total === 0n) sum.delete(monomial);
    else sum.set(monomial, total);
  }
  return sum;
}

function multiplyPolynomials(p: Polynomial, q: Polynomial): Polynomial {
  let product: Polynomial = new Map();
  for (const [m1, c1] of p) {
    for (const [m2, c2] of q) {
      const monomial = [...m1.split('*'), ...m2.split('*')].filter((name) => name !== '').sort().join('*');
      product = addPolynomials(product, new Map([[monomial, c1 * c2]]), 1n);
    }
  }
  return product;
}

const ratio = (numerator: Polynomial, denominator: Polynomial): RationalFunction => ({ numerator, denominator });
const add = (a: RationalFunction, b: RationalFunction, sign: bigint): RationalFunction =>
  ratio(
    addPolynomials(multiplyPolynomials(a.numerator, b.denominator), multiplyPolynomials(b.numerator, a.denominator), sign),
    multiplyPolynomials(a.denominator, b.denominator),
  );
const multiply = (a: RationalFunction, b: RationalFunction): RationalFunction =>
  ratio(multiplyPolynomials(a.numerator, b.numerator), multiplyPolynomials(a.denominator, b.denominator));

function divide(a: RationalFunction, b: RationalFunction, node: MathNode): RationalFunction {
  if (b.numerator.size === 0) throw new RangeError(`toRationalFunction: divisor must not be identically 0, got ${node.toString()}`);
  return multiply(a, ratio(b.denominator, b.numerator));
}

function fromConstant(value: unknown, node: MathNode): RationalFunction {
  if (typeof value !== 'number' && typeof value !== 'object') throw new TypeError(`toRationalFunction: constants must be numbers, got ${node.toString()}`);
  const exact: Fraction = fraction(value as number);
  return ratio(constant(exact.s * exact.n), constant(exact.d));
}

function fromOperator(node: OperatorNode, bindings: ReadonlyMap<string, RationalFunction>): RationalFunction {
  const args = node.args.map((arg) => toRationalFunction(arg, bindings));
  switch (node.fn as string) {
    case 'add': return add(args[0], args[1], 1n);
    case 'subtract': return add(args[0], args[1], -1n);
    case 'multiply': return multiply(args[0], args[1]);
    case 'divide': return divide(args[0], args[1], node);
    case 'unaryMinus': return ratio(addPolynomials(new Map(), args[0].numerator, -1n), args[0].denominator);
    case 'unaryPlus': return args[0];
    case 'pow': {
      const exponent = node.args[1];
      const power = exponent.type === 'ConstantNode' ? Number((exponent as ConstantNode).value) : Number.NaN;
      if (!Number.isInteger(power) || power < 0) throw new TypeError(`toRationalFunction: exponents must be non-negative integer constants, got ${node.toString()}`);
      let result = ratio(constant(1n), constant(1n));
      for (let i = 0; i < power; i++) result = multiply(result, args[0]);
      return result;
    }
    default: throw new TypeError(`toRationalFunction: operator must be one of + - * / ^, got ${node.op}`);
  }
}

/**
 * The normal form of a rational expression.
 * @param expression - mathjs text or a parsed node, using only `+ - * / ^`, numbers and variables
 * @param bindings - variables to replace by their own normal forms (a substitution such as eq. 2's t)
 * @returns numerator and denominator polynomials
 * @throws TypeError for anything that is not a rational expression; RangeError for a division by an identically-zero expression
 */
export function toRationalFunction(expression: string | MathNode, bindings: ReadonlyMap<string, RationalFunction> = new Map()): RationalFunction {
  const node = typeof expression === 'string' ? parse(expression) : expression;
  switch (node.type) {
    case 'ConstantNode': return fromConstant((node as ConstantNode).value, node);
    case 'SymbolNode': {
      const name = (node as SymbolNode).name;
      return bindings.get(name) ?? ratio(new Map([[name, 1n]]), constant(1n));
    }
    case 'ParenthesisNode': return toRationalFunction((node as ParenthesisNode).content, bindings);
    case 'OperatorNode': return fromOperator(node as OperatorNode, bindings);
    default: throw new TypeError(`toRationalFunction: expression must be rational, got ${node.toString()}`);
  }
}

/**
 * Whether a rational function is identically zero.
 * @param value - the rational function
 * @returns true iff its numerator expands to the zero polynomial
 */
export function isIdenticallyZero(value: RationalFunction): boolean {
  return value.numerator.size === 0;
}

/**
 * `a − b`, for building the identity a step must satisfy.
 * @param a - minuend
 * @param b - subtrahend
 * @returns the difference
 */
export function subtractRational(a: RationalFunction, b: RationalFunction): RationalFunction {
  return add(a, b, -1n);
}

/**
 * `a · b`.
 * @param a - factor
 * @param b - factor
 * @returns the product
 */
export function multiplyRational(a: RationalFunction, b: RationalFunction): RationalFunction {
  return multiply(a, b);
}
