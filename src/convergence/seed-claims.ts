/**
 * The seed's worked numbers as data: each claim with the equation it quotes, its inputs, and the
 * precision it is printed to. The seed writes rates in "GBps" (GB/s); here they are bytes per ms.
 */

/** Bytes per ms in one of the seed's GBps (10^9 bytes per second). */
export const BYTES_PER_MS_PER_GBPS = 1e6;

/** One number the seed states. */
export interface SeedClaim {
  /** Stable identifier, e.g. `case1-x73-downtime`. */
  readonly id: string;
  /** The claim as the seed words it. */
  readonly quote: string;
  /** The seed equation it is computed from. */
  readonly equation: 2 | 12 | 19;
  /** What is claimed: the critical transfer time t, a least downtime limit y, or a greatest dirty rate D. */
  readonly quantity: 'transfer-ms' | 'downtime-limit-ms' | 'dirty-rate-gbps';
  /** `=` for t, `>` for a downtime bound, `<` for a dirty-rate bound. */
  readonly relation: '=' | '>' | '<';
  /** The number as printed, in ms or GBps. */
  readonly value: number;
  /** Decimals printed: the claim is checked to this precision. */
  readonly decimals: number;
  readonly inputs: {
    readonly bandwidthBytesPerMs: number;
    readonly syncMs: number;
    readonly dirtyRateBytesPerMs?: number;
    readonly downtimeLimitMs?: number;
  };
}

const B = 15 * BYTES_PER_MS_PER_GBPS;
const D = 10 * BYTES_PER_MS_PER_GBPS;

/** The eight worked numbers of the cover letter, in the order it gives them. */
export const SEED_CLAIMS: readonly SeedClaim[] = [
  { id: 'case1-x73-transfer', quote: 't = D * x / (B - D) = 146 ms', equation: 2, quantity: 'transfer-ms', relation: '=', value: 146, decimals: 0, inputs: { bandwidthBytesPerMs: B, dirtyRateBytesPerMs: D, syncMs: 73 } },
  { id: 'case1-x73-downtime', quote: 'y > B * x / (B - D) = 219ms', equation: 12, quantity: 'downtime-limit-ms', relation: '>', value: 219, decimals: 0, inputs: { bandwidthBytesPerMs: B, dirtyRateBytesPerMs: D, syncMs: 73 } },
  { id: 'case1-x12-transfer', quote: 't = D * x / (B - D) = 24 ms', equation: 2, quantity: 'transfer-ms', relation: '=', value: 24, decimals: 0, inputs: { bandwidthBytesPerMs: B, dirtyRateBytesPerMs: D, syncMs: 12 } },
  { id: 'case1-x12-downtime', quote: 'y > 100 * D * x / ((B - D) * (100 - x)) = 27.2ms', equation: 19, quantity: 'downtime-limit-ms', relation: '>', value: 27.2, decimals: 1, inputs: { bandwidthBytesPerMs: B, dirtyRateBytesPerMs: D, syncMs: 12 } },
  { id: 'case2-x73-eq12', quote: 'D < B * (y - x) / y = 15 * (150 - 73) / 150 = 7.7GBps', equation: 12, quantity: 'dirty-rate-gbps', relation: '<', value: 7.7, decimals: 1, inputs: { bandwidthBytesPerMs: B, syncMs: 73, downtimeLimitMs: 150 } },
  { id: 'case2-x73-eq19', quote: 'we use formula(19) get D < 5.35GBps', equation: 19, quantity: 'dirty-rate-gbps', relation: '<', value: 5.35, decimals: 2, inputs: { bandwidthBytesPerMs: B, syncMs: 73, downtimeLimitMs: 150 } },
  { id: 'case2-x12-eq12', quote: 'D < B * (y - x) / y = 15 * (150 - 12) / 150 = 13.8GBps', equation: 12, quantity: 'dirty-rate-gbps', relation: '<', value: 13.8, decimals: 1, inputs: { bandwidthBytesPerMs: B, syncMs: 12, downtimeLimitMs: 150 } },
  { id: 'case2-x12-eq19', quote: 'we use formula(19) get D < 13.75GBps', equation: 19, quantity: 'dirty-rate-gbps', relation: '<', value: 13.75, decimals: 2, inputs: { bandwidthBytesPerMs: B, syncMs: 12, downtimeLimitMs: 150 } },
];
