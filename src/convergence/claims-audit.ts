/**
 * The audit of the seed's worked numbers: for each claim, the value its equation gives, both
 * simulators' values, whether the equation's regime holds for it, and a verdict.
 */
import type { BandwidthEstimatorName } from '../simulator/bandwidth-estimators.ts';
import { type PrintedMatch, printedMatch } from './claim-precision.ts';
import { criticalTransferMs } from './critical-state.ts';
import { eq12DirtyRateBytesPerMs, eq19DirtyRateBytesPerMs } from './dirty-rate-bounds.ts';
import { eq12DowntimeMs, eq19DowntimeMs } from './downtime-bounds.ts';
import { eq5Holds, eq15Holds } from './regime.ts';
import { BYTES_PER_MS_PER_GBPS, SEED_CLAIMS, type SeedClaim } from './seed-claims.ts';
import { type ComparisonOptions, dirtyRateThresholds, downtimeThresholds } from './threshold-comparison.ts';

/** `reproduced`: the equation gives the number and its regime holds; the middle one: the number is right but the equation does not apply there. */
export type ClaimVerdict = 'reproduced' | 'reproduced but outside its regime' | 'not reproduced';

/** One audited claim; values are in the claim's unit (ms, or GBps for dirty rates). */
export interface ClaimAuditRow {
  readonly claim: SeedClaim;
  /** The claim's equation evaluated at its inputs. */
  readonly closedForm: number;
  /** How the printed number follows from `closedForm` at its printed precision. */
  readonly match: PrintedMatch;
  /** The condition under which the equation is valid, as evaluated for this claim. */
  readonly regimeCondition: string;
  readonly regimeHolds: boolean;
  /** What each simulator gives for the same question, from all memory dirty; null when it never converges. */
  readonly simulated: { readonly seedPremises: number | null; readonly windowed: number | null; readonly windowedPasses: number | null };
  readonly verdict: ClaimVerdict;
}

function evaluate(claim: SeedClaim, options: ComparisonOptions): Omit<ClaimAuditRow, 'claim' | 'match' | 'verdict'> {
  const { bandwidthBytesPerMs: B, syncMs: x, dirtyRateBytesPerMs: D = 0, downtimeLimitMs: y = 0 } = claim.inputs;
  if (claim.quantity === 'dirty-rate-gbps') {
    const bound = claim.equation === 12 ? eq12DirtyRateBytesPerMs(B, x, y) : eq19DirtyRateBytesPerMs(B, x, y);
    const thresholds = dirtyRateThresholds(B, x, y, options);
    const simulated = (name: BandwidthEstimatorName) =>
      thresholds.simulated[name].converges ? thresholds.simulated[name].dirtyRateBytesPerMs / BYTES_PER_MS_PER_GBPS : null;
    const holds = claim.equation === 12 ? eq5Holds(B, bound, x) : eq15Holds(B, bound, x);
    return {
      closedForm: bound / BYTES_PER_MS_PER_GBPS,
      regimeCondition: `(${claim.equation === 12 ? 5 : 15}) at D = ${(bound / BYTES_PER_MS_PER_GBPS).toPrecision(4)}`,
      regimeHolds: holds,
      simulated: { seedPremises: simulated('seed-premises'), windowed: simulated('windowed'), windowedPasses: simulated('windowed-passes') },
    };
  }
  const thresholds = downtimeThresholds(B, D, x, options);
  if (claim.quantity === 'transfer-ms') {
    return { closedForm: criticalTransferMs(B, D, x), regimeCondition: 'B > D', regimeHolds: B > D, simulated: { seedPremises: thresholds.settledSendMs, windowed: thresholds.settledSendMs, windowedPasses: thresholds.settledSendMs } };
  }
  const simulated = (name: BandwidthEstimatorName) => (thresholds.simulated[name].converges ? thresholds.simulated[name].downtimeMs : null);
  return {
    closedForm: claim.equation === 12 ? eq12DowntimeMs(B, D, x) : eq19DowntimeMs(B, D, x),
    regimeCondition: `(${claim.equation === 12 ? 5 : 15})`,
    regimeHolds: claim.equation === 12 ? eq5Holds(B, D, x) : eq15Holds(B, D, x),
    simulated: { seedPremises: simulated('seed-premises'), windowed: simulated('windowed'), windowedPasses: simulated('windowed-passes') },
  };
}

/**
 * Audits one claim.
 * @param claim - the claim
 * @param options - memory size (default 256 GiB) and search settings of the simulations
 * @returns the audited row
 * @throws RangeError when the claim's inputs are outside the seed's domain
 */
export function auditSeedClaim(claim: SeedClaim, options: ComparisonOptions = {}): ClaimAuditRow {
  const row = evaluate(claim, options);
  const match = printedMatch(row.closedForm, claim.value, claim.decimals);
  const verdict: ClaimVerdict = match === 'none' ? 'not reproduced' : row.regimeHolds ? 'reproduced' : 'reproduced but outside its regime';
  return { claim, ...row, match, verdict };
}

/**
 * Audits every worked number of the seed, in its order.
 * @param options - memory size (default 256 GiB) and search settings of the simulations
 * @returns one row per claim
 */
export function auditSeedClaims(options: ComparisonOptions = {}): ClaimAuditRow[] {
  return SEED_CLAIMS.map((claim) => auditSeedClaim(claim, options));
}
