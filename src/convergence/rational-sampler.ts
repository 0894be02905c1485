/**
 * Deterministic exact rational inputs for the derivation check. A fixed seed gives the same points on
 * every run, so the verdicts are plain data that a golden file can hold.
 */
import type { Fraction } from 'mathjs';
import { exactMath } from './exact-math.ts';

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/**
 * A xorshift32 generator: small, fast and reproducible; statistical quality is not needed here.
 * @param seed - any integer; 0 is replaced by a fixed non-zero state, which xorshift requires
 * @returns the generator
 */
export function seededRandom(seed: number): Random {
  let state = seed | 0 || 0x2545f491;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

/** Values the premises and the seed's formulas treat specially, drawn often so that edges are hit. */
const SPECIAL_VALUES: readonly [number, number][] = [
  [0, 1], [1, 1], [1, 2], [50, 1], [100, 1], [200, 1], [-1, 1],
];

/**
 * Draws one exact rational: 10% of the time a value drawn earlier for the same point (so that ties
 * such as B = D occur), 15% a special value, else `p/q` with `p` in [-1000, 4000] and `q` in [1, 40],
 * so that both signs, large and small magnitudes, and non-integers all occur.
 * @param random - the generator
 * @param earlier - values already drawn for this point
 * @returns the rational
 */
export function drawRational(random: Random, earlier: readonly Fraction[] = []): Fraction {
  const integer = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  if (earlier.length > 0 && random() < 0.1) return earlier[integer(0, earlier.length - 1)];
  if (random() < 0.15) {
    const [n, d] = SPECIAL_VALUES[integer(0, SPECIAL_VALUES.length - 1)];
    return exactMath.fraction(n, d);
  }
  return exactMath.fraction(integer(-1000, 4000), integer(1, 40));
}
