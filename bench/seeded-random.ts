/**
 * A small seeded generator for benchmark inputs. `Math.random` cannot be seeded, and inputs must be
 * the same on every run and every machine so that two `bench/results.json` files compare like with like.
 */

/** A stream of uniformly distributed unsigned 32-bit integers. */
export type Uint32Stream = () => number;

/**
 * mulberry32 (Tommy Ettinger): a 32-bit state, one multiply-xorshift round per output. Statistically
 * plenty for dirty-page patterns, and fast enough to fill 64 Mi pages in well under a second.
 * @param seed - any integer; only its low 32 bits are used
 * @returns the stream
 */
export function createMulberry32(seed: number): Uint32Stream {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/**
 * Combines a base seed with the parameters of one input, so each input has its own stream and the
 * same parameters always give the same stream.
 * @param seed - the base seed
 * @param parts - integers naming the input (e.g. pages, density in permille)
 * @returns a 32-bit seed
 */
export function deriveSeed(seed: number, ...parts: readonly number[]): number {
  let hash = seed >>> 0;
  for (const part of parts) {
    // Two rounds of the generator per part spread each part over all 32 bits.
    const next = createMulberry32(hash ^ Math.imul(part >>> 0, 0x9e3779b1));
    next();
    hash = next();
  }
  return hash;
}
