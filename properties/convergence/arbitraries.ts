/**
 * Inputs for the convergence and simulator properties, in the suite's units (bytes per ms, ms,
 * bytes). Cases are built inside a chosen regime rather than filtered, so every run counts, and each
 * mixes random values with the edges that matter: the regime boundary `x + t* = 100`, D = B/2
 * (where the trajectory's dip appears), x = 50 and x near 100.
 */
import fc from 'fast-check';

/** Bytes per ms in one GB/s. */
export const GBPS = 1e6;

/** (B, D, x) plus a memory size large enough that the migration starts far above the critical state. */
export interface MigrationCase {
  readonly bandwidthBytesPerMs: number;
  readonly dirtyRateBytesPerMs: number;
  readonly syncMs: number;
  readonly memoryBytes: number;
}

const unit = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const bandwidth = fc.oneof(fc.constantFrom(1, 15, 30), unit(0.5, 40)).map((gbps) => gbps * GBPS);
/** D/B, up to 0.95 so that a few thousand iterations reach the fixed point to double precision. */
export const dirtyRatio = fc.oneof(fc.constantFrom(0.02, 0.25, 0.5, 2 / 3, 0.9, 0.95), unit(0.01, 0.95));

/**
 * Memory M such that the first send time M/B exceeds t*, the dip's far end x·(B−D)/D and x by a
 * random factor of 2–20: the trajectory then passes every send time between t* and its start.
 */
function withMemory(B: number, D: number, x: number, factor: number): MigrationCase {
  const t = (D * x) / (B - D);
  const startMs = factor * Math.max(t, (x * (B - D)) / D, x, 100);
  return { bandwidthBytesPerMs: B, dirtyRateBytesPerMs: D, syncMs: x, memoryBytes: startMs * B };
}

/**
 * A case in the given regime of the critical state.
 * @param regime - `long`: x + t* >= 100; `short`: x + t* < 100; `boundary`: within a relative 1e-3 of 100 on either side
 * @returns the arbitrary
 */
export function migrationCase(regime: 'long' | 'short' | 'boundary' | 'any'): fc.Arbitrary<MigrationCase> {
  return fc.record({ B: bandwidth, r: dirtyRatio, u: unit(0.001, 0.999), side: fc.boolean(), factor: unit(2, 20) }).map(({ B, r, u, side, factor }) => {
    const edge = 100 * (1 - r); // x at which x + t* = 100 for this D/B
    const x = regime === 'short' ? edge * u
      : regime === 'long' ? edge + u * 150
      : regime === 'boundary' ? edge * (1 + (side ? 1 : -1) * u * 1e-3)
      : u * 200;
    return withMemory(B, r * B, Math.max(x, 1e-3), factor);
  });
}
