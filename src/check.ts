/**
 * Input validation at the public edge. This is the one place that builds error messages, so every
 * rejection reads `fn: param must be <constraint>, got <value>`.
 */

/**
 * Renders a rejected value for an error message: numbers as written, strings quoted, typed arrays
 * by kind and length, everything else by its type.
 * @param value - the rejected value
 * @returns a short, human-readable description
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (ArrayBuffer.isView(value)) {
    const length = (value as unknown as { length?: number }).length;
    return `${value.constructor.name}(${length ?? value.byteLength})`;
  }
  if (Array.isArray(value)) return `Array(${value.length})`;
  if (typeof value === 'function') return 'a function';
  return typeof value === 'object' ? `an object (${Object.keys(value).slice(0, 4).join(', ') || 'no keys'})` : typeof value;
}

/**
 * Builds the `RangeError` for a value outside its domain.
 * @param fn - the public function that rejected the value
 * @param param - the parameter's name as the caller knows it
 * @param constraint - what the value must be, e.g. `"<= 40"`
 * @param value - the rejected value
 * @returns the error, for the caller to throw
 */
export function rangeError(fn: string, param: string, constraint: string, value: unknown): RangeError {
  return new RangeError(`${fn}: ${param} must be ${constraint}, got ${describeValue(value)}`);
}

/**
 * Builds the `TypeError` for a value of the wrong kind.
 * @param fn - the public function that rejected the value
 * @param param - the parameter's name as the caller knows it
 * @param expected - the kind expected, e.g. `"a Uint32Array"`
 * @param value - the rejected value
 * @returns the error, for the caller to throw
 */
export function typeError(fn: string, param: string, expected: string, value: unknown): TypeError {
  return new TypeError(`${fn}: ${param} must be ${expected}, got ${describeValue(value)}`);
}

/**
 * Checks that a value is a safe integer in `[min, max]`.
 * @param fn - the public function doing the check
 * @param param - the parameter's name
 * @param value - the value to check
 * @param min - the least allowed value
 * @param max - the greatest allowed value (default: `Number.MAX_SAFE_INTEGER`)
 * @returns the value, typed as a number
 * @throws TypeError when the value is not a number; RangeError when it is not an integer in range
 */
export function requireInteger(fn: string, param: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number') throw typeError(fn, param, 'a number', value);
  if (!Number.isSafeInteger(value)) throw rangeError(fn, param, 'an integer', value);
  if (value < min) throw rangeError(fn, param, `>= ${min}`, value);
  if (value > max) throw rangeError(fn, param, `<= ${max}`, value);
  return value;
}

/**
 * Checks that a value is a finite number strictly inside `(min, max)` bounds given as open or closed.
 * @param fn - the public function doing the check
 * @param param - the parameter's name
 * @param value - the value to check
 * @param bounds - `gt`/`ge` lower and `lt`/`le` upper bounds; omitted bounds are not checked
 * @returns the value, typed as a number
 * @throws TypeError when the value is not a number; RangeError when it is NaN, infinite or out of bounds
 */
export function requireFinite(
  fn: string,
  param: string,
  value: unknown,
  bounds: { gt?: number; ge?: number; lt?: number; le?: number } = {},
): number {
  if (typeof value !== 'number') throw typeError(fn, param, 'a number', value);
  if (!Number.isFinite(value)) throw rangeError(fn, param, 'a finite number', value);
  if (bounds.gt !== undefined && !(value > bounds.gt)) throw rangeError(fn, param, `> ${bounds.gt}`, value);
  if (bounds.ge !== undefined && !(value >= bounds.ge)) throw rangeError(fn, param, `>= ${bounds.ge}`, value);
  if (bounds.lt !== undefined && !(value < bounds.lt)) throw rangeError(fn, param, `< ${bounds.lt}`, value);
  if (bounds.le !== undefined && !(value <= bounds.le)) throw rangeError(fn, param, `<= ${bounds.le}`, value);
  return value;
}

/**
 * Checks that a value is a `Uint32Array`.
 * @param fn - the public function doing the check
 * @param param - the parameter's name
 * @param value - the value to check
 * @returns the value, typed
 * @throws TypeError when it is any other kind of value (including other typed arrays)
 */
export function requireUint32Array(fn: string, param: string, value: unknown): Uint32Array {
  if (!(value instanceof Uint32Array)) throw typeError(fn, param, 'a Uint32Array', value);
  return value;
}

/**
 * Checks that a value is a function.
 * @param fn - the public function doing the check
 * @param param - the parameter's name
 * @param value - the value to check
 * @returns the value, typed as a callable
 * @throws TypeError when it is not a function
 */
export function requireFunction(fn: string, param: string, value: unknown): (...args: never[]) => unknown {
  if (typeof value !== 'function') throw typeError(fn, param, 'a function', value);
  return value as (...args: never[]) => unknown;
}

/**
 * Checks that a value is a non-null object (not an array).
 * @param fn - the public function doing the check
 * @param param - the parameter's name
 * @param value - the value to check
 * @returns the value, typed as a record
 * @throws TypeError when it is not an object
 */
export function requireObject(fn: string, param: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw typeError(fn, param, 'an object', value);
  return value as Record<string, unknown>;
}
