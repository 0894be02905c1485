/**
 * How a computed value relates to a number printed to a fixed number of decimals. The seed's numbers
 * are rounded, and one of them is cut off instead, so a claim counts as reproduced when the computed
 * value rounds or truncates to the printed digits, and the report says which. A value within a
 * relative 1e-12 of the printed one, or of a digit boundary, counts as on it: that is binary rounding
 * noise, not a difference a printed claim could express.
 */

/** `exact`: equal; `rounded`: rounds to the printed digits; `truncated`: only cutting off gives them; `none`: neither. */
export type PrintedMatch = 'exact' | 'rounded' | 'truncated' | 'none';

/**
 * Compares a computed value with a printed one.
 * @param computed - the value computed from the claim's equation
 * @param printed - the value as printed
 * @param decimals - decimals printed (>= 0)
 * @returns how the printed value follows from the computed one
 */
export function printedMatch(computed: number, printed: number, decimals: number): PrintedMatch {
  const scale = 10 ** decimals;
  const printedUnits = Math.round(printed * scale);
  // Products like 7.7 · 10 carry binary rounding error of a few ulps; `slack` (in printed units)
  // absorbs it without admitting any real difference.
  const units = computed * scale;
  const slack = Math.max(1e-9, Math.abs(units) * 1e-12);
  if (Math.abs(units - printedUnits) <= slack) return 'exact';
  if (Math.round(units) === printedUnits) return 'rounded';
  if (Math.trunc(units + Math.sign(units) * slack) === printedUnits) return 'truncated';
  return 'none';
}
