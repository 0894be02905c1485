/**
 * Doubles as exact dyadic rationals `n · 2^e` (n a BigInt), so a test can decide a comparison such as
 * `x·B >= 100·(B − D)` with no rounding at all, independently of the floating-point formula under
 * test. Every finite double is such a number; products and differences of them are too.
 */

/** `numerator · 2^exponent`, exactly. */
export interface Dyadic {
  readonly numerator: bigint;
  readonly exponent: number;
}

const view = new DataView(new ArrayBuffer(8));

/**
 * The exact value of a finite double.
 * @param value - a finite number
 * @returns the same value as a dyadic rational
 * @throws RangeError for NaN or an infinity
 */
export function dyadic(value: number): Dyadic {
  if (!Number.isFinite(value)) throw new RangeError(`dyadic: value must be a finite number, got ${value}`);
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  // Subnormals have no implicit leading one and the exponent of the smallest normal.
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  return { numerator: negative ? -mantissa : mantissa, exponent };
}

/**
 * The exact product.
 * @param a - a factor
 * @param b - a factor
 * @returns a·b
 */
export function times(a: Dyadic, b: Dyadic): Dyadic {
  return { numerator: a.numerator * b.numerator, exponent: a.exponent + b.exponent };
}

/**
 * The exact difference.
 * @param a - the minuend
 * @param b - the subtrahend
 * @returns a − b
 */
export function minus(a: Dyadic, b: Dyadic): Dyadic {
  const exponent = Math.min(a.exponent, b.exponent);
  return { numerator: (a.numerator << BigInt(a.exponent - exponent)) - (b.numerator << BigInt(b.exponent - exponent)), exponent };
}

/**
 * The exact sign of `a − b`.
 * @param a - left side
 * @param b - right side
 * @returns -1, 0 or 1
 */
export function compareDyadic(a: Dyadic, b: Dyadic): -1 | 0 | 1 {
  const difference = minus(a, b).numerator;
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}

/**
 * The next double towards +∞ or −∞: one float step, so a boundary test can stand just inside and just
 * outside an exact boundary.
 * @param value - a finite, non-zero number
 * @param direction - 1 for up, -1 for down
 * @returns the adjacent double
 */
export function floatStep(value: number, direction: 1 | -1): number {
  if (!Number.isFinite(value) || value === 0) throw new RangeError(`floatStep: value must be a finite non-zero number, got ${value}`);
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  // For a positive double a larger bit pattern is a larger value; for a negative one, the reverse.
  view.setBigUint64(0, (value > 0) === (direction === 1) ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}
