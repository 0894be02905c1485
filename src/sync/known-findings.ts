/**
 * The reviewed list of laws QEMU's models break, per case family, with the reason. The suite asserts
 * that the findings it computes are exactly these: a change to the sync that fixes one or adds one
 * fails the gate until this list (and the golden files) are updated in review.
 */
import type { LawId } from './laws/law.ts';

/** Why a QEMU model breaks a law. */
export const FINDING_REASONS = {
  'aligned-path-unaligned-offset':
    "The aligned path is chosen on the global start alone, but its destination cursor starts at the bmap word holding the block-relative start (floor(startPage / 64)). When rb.offsetPage is not a multiple of 64 the harvested source words are ORed onto the wrong pages: bits outside the range are set, pages in the range are not, and whether a range is split changes the outcome. Latent in QEMU: its only caller syncs from page 0, and find_ram_offset has aligned offsets to 64 pages since 2018.",
  'aligned-path-rearm':
    'The aligned path re-arms TCG only when the newly-set count is non-zero (QEMU-NOTES O2: harvesting pages already pending in bmap re-arms nothing) and passes the block-relative start where a global page is expected (O1: with a non-zero offset the re-arm hits the wrong pages).',
  'landed-misaligned-rearm':
    'After e8a6d158 the misaligned path also gates the re-arm on the newly-set count (O2): when every harvested page was already pending in bmap, source bits are cleared and no page is re-armed. Before the patch the per-page path re-armed every dirty page.',
} as const;

/** The key of a finding's reason. */
export type FindingReason = keyof typeof FINDING_REASONS;

/** One expected (implementation, family, law) failure. */
export interface KnownFinding {
  /** Implementation name. */
  readonly implementation: string;
  /** Case family name. */
  readonly family: string;
  /** The law broken. */
  readonly law: LawId;
  /** Why. */
  readonly reason: FindingReason;
}

/** Families whose layouts include offsets that are not multiples of 64 with a global start that is. */
const UNALIGNED_OFFSET_FAMILIES = ['any-range', 'unaligned-block', 'qemu-block-size'];

/** Families that reach the aligned path. */
const ALIGNED_PATH_FAMILIES = ['any-range', 'whole-block', 'aligned-block', 'unaligned-block', 'qemu-block-size'];

function findings(implementations: string[], families: string[], laws: LawId[], reason: FindingReason): KnownFinding[] {
  return implementations.flatMap((implementation) => families.flatMap((family) => laws.map((law) => ({ implementation, family, law, reason }))));
}

/** Every known finding. */
export const KNOWN_FINDINGS: readonly KnownFinding[] = [
  ...findings(['qemu-pre-patch', 'qemu-landed'], UNALIGNED_OFFSET_FAMILIES, ['L1', 'L2', 'L5', 'L9'], 'aligned-path-unaligned-offset'),
  ...findings(['qemu-pre-patch', 'qemu-landed'], ALIGNED_PATH_FAMILIES, ['L7'], 'aligned-path-rearm'),
  ...findings(['qemu-landed'], ['short-neighbour'], ['L7'], 'landed-misaligned-rearm'),
];

/**
 * Looks up the known finding for a combination.
 * @param implementation - implementation name
 * @param family - family name
 * @param law - law id
 * @returns the finding, or undefined when the law must hold
 */
export function knownFinding(implementation: string, family: string, law: LawId): KnownFinding | undefined {
  return KNOWN_FINDINGS.find((f) => f.implementation === implementation && f.family === family && f.law === law);
}
