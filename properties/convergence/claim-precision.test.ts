/**
 * Printed-number matching on values whose relation to the printed digits is worked out by hand,
 * including the edges of the 1e-12 relative (at least 1e-9 printed units) noise allowance.
 */
import { describe, expect, test } from 'vitest';
import { printedMatch } from '../../src/convergence/claim-precision.ts';

describe('printedMatch', () => {
  test.each([
    [7.7, 7.7, 1, 'exact'],
    [-13.75, -13.75, 2, 'exact'],
    // 0.1 + 0.2 is 0.30000000000000004: binary noise, not a difference.
    [0.1 + 0.2, 0.3, 1, 'exact'],
    [5.354, 5.35, 2, 'rounded'],
    [5.346, 5.35, 2, 'rounded'],
    [5.359, 5.35, 2, 'truncated'],
    [-5.359, -5.35, 2, 'truncated'],
    [5.359, 5.34, 2, 'none'],
    [5.359, 5.37, 2, 'none'],
  ] as const)('printedMatch(%s, %s, %s) is %s', (computed, printed, decimals, match) => {
    expect(printedMatch(computed, printed, decimals)).toBe(match);
  });

  test('counts a difference of exactly the 1e-9-unit floor as noise, and twice it as real', () => {
    expect(printedMatch(1e-9, 0, 0)).toBe('exact');
    expect(printedMatch(2e-9, 0, 0)).toBe('rounded');
  });

  test('scales the allowance with large values: 1e-12 relative, above the 1e-9-unit floor', () => {
    // 1e6 · (1 + 5e-13) differs from 1e6 by 5e-7 units, far above 1e-9 but within 1e-12 relative.
    expect(printedMatch(1e6 * (1 + 5e-13), 1e6, 0)).toBe('exact');
    expect(printedMatch(1e6 * (1 + 5e-12), 1e6, 0)).toBe('rounded');
  });

  test('truncates a value lying on a digit boundary up to noise as that boundary, not the digit below', () => {
    // 77.9999999995 is 78 up to 5e-10 units: cutting it off gives 78, so a printed 77 is no match.
    expect(printedMatch(77.9999999995, 77, 0)).toBe('none');
    expect(printedMatch(-77.9999999995, -77, 0)).toBe('none');
    expect(printedMatch(77.9999999995, 78, 0)).toBe('exact');
  });
});
