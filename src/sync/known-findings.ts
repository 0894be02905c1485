/**
 * The reviewed list of laws QEMU's models break, per case family, with the causes accepted for each.
 * The suite asserts that the findings it computes are exactly these: a change to the sync that fixes
 * one or adds one fails the gate until this list (and the golden files) are updated in review. The
 * cause of each counterexample is derived from the path it takes (`finding-causes.ts`); one that is
 * not among its finding's causes is shown as a new finding.
 */
import type { FindingCauseId } from './finding-causes.ts';
import type { LawId } from './laws/law.ts';

/** One expected (implementation, family, law) failure. */
export interface KnownFinding {
  /** Implementation name. */
  readonly implementation: string;
  /** Case family name. */
  readonly family: string;
  /** The law broken. */
  readonly law: LawId;
  /** The causes its counterexamples may have: a family can reach more than one path. */
  readonly causes: readonly FindingCauseId[];
}

/** Families whose layouts include offsets that are not multiples of 64 with a global start that is. */
const UNALIGNED_OFFSET_FAMILIES = ['any-range', 'unaligned-block', 'qemu-block-size'];

/** Families that reach the aligned path. */
const ALIGNED_PATH_FAMILIES = ['any-range', 'whole-block', 'aligned-block', 'unaligned-block', 'qemu-block-size'];

/** Every family: after e8a6d158 the misaligned path breaks L7 too, and every family reaches it. */
const ALL_FAMILIES = ['any-range', 'whole-block', 'aligned-block', 'unaligned-block', 'short-neighbour', 'qemu-block-size'];

const ALIGNED_REARM: readonly FindingCauseId[] = ['aligned-rearm-relative-start', 'aligned-rearm-newly-set'];

function findings(implementations: string[], families: string[], laws: LawId[], causes: readonly FindingCauseId[]): KnownFinding[] {
  return implementations.flatMap((implementation) => families.flatMap((family) => laws.map((law) => ({ implementation, family, law, causes }))));
}

/** Every known finding. */
export const KNOWN_FINDINGS: readonly KnownFinding[] = [
  ...findings(['qemu-pre-patch', 'qemu-landed'], UNALIGNED_OFFSET_FAMILIES, ['L1', 'L2', 'L5', 'L9'], ['aligned-destination-cursor']),
  ...findings(['qemu-pre-patch'], ALIGNED_PATH_FAMILIES, ['L7'], ALIGNED_REARM),
  ...ALL_FAMILIES.map((family): KnownFinding => ({
    implementation: 'qemu-landed',
    family,
    law: 'L7',
    causes: ALIGNED_PATH_FAMILIES.includes(family) ? [...ALIGNED_REARM, 'misaligned-rearm-newly-set'] : ['misaligned-rearm-newly-set'],
  })),
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
