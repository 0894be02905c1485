/**
 * Exact rational evaluation of the seed's expressions: a mathjs instance whose numbers are
 * Fractions, so `100`, `1/3` and every sampled input are exact and comparisons have no rounding.
 */
import { all, create, type EvalFunction, type Fraction } from 'mathjs';

/** mathjs configured for exact rationals (`number: 'Fraction'`). */
export const exactMath = create(all, { number: 'Fraction' });

/** A scope of exact values, by variable name. */
export type ExactScope = Record<string, Fraction>;

/** What an expression evaluates to at one point: a truth value, an exact number, or undefined (division by zero). */
export type ExactValue = boolean | Fraction | undefined;

/**
 * Compiles an expression once for repeated exact evaluation.
 * @param expression - mathjs syntax, e.g. `y > B * x / (B - D)`
 * @returns the compiled expression
 * @throws SyntaxError when mathjs cannot parse it
 */
export function compileExact(expression: string): EvalFunction {
  return exactMath.compile(expression);
}

/**
 * Evaluates a compiled expression at one point.
 * @param compiled - from `compileExact`
 * @param scope - exact values of the free variables; bound variables are added to it by the caller
 * @returns the value, or undefined where the expression divides by zero
 * @throws Error for anything other than a division by zero (an unknown variable, say)
 */
export function evaluateExact(compiled: EvalFunction, scope: ExactScope): ExactValue {
  try {
    // The expressions assign nothing, so the scope can be passed as it is.
    return compiled.evaluate(scope) as boolean | Fraction;
  } catch (error) {
    if (error instanceof Error && /division by zero/i.test(error.message)) return undefined;
    throw error;
  }
}

/**
 * Renders an exact value for a report: `73`, `-1/3`, `true`, or `undefined`.
 * @param value - the value
 * @returns its text
 */
export function formatExact(value: ExactValue): string {
  if (value === undefined || typeof value === 'boolean') return String(value);
  return value.toFraction();
}
