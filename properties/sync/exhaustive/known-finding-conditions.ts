/**
 * Where each known finding of the QEMU models can break a law on a case of the exhaustive space, and
 * which (implementation, law) pairs a slice of the space must find broken. A violation outside these
 * conditions is a bug no known finding explains.
 */
import type { LawId } from '../../../src/sync/laws/law.ts';
import { selectQemuPath } from '../../../src/sync/qemu/path-selection.ts';
import type { SyncCase } from '../../../src/sync/sync-case.ts';
import type { BitmapPattern } from './exhaustive-space.ts';

/** The QEMU models, the only implementations with known findings. */
const QEMU_MODELS = ['qemu-pre-patch', 'qemu-landed'];

/** The laws the aligned path with a misaligned RAMBlock offset breaks: it harvests into the wrong `bmap` word. */
const MISPLACED_HARVEST_LAWS: readonly LawId[] = ['L1', 'L2', 'L5', 'L9'];

/** (implementation, law) pairs the known findings break, as `"implementation law"`. */
export const EXPECTED_BROKEN: readonly string[] = QEMU_MODELS.flatMap((implementation) => [...MISPLACED_HARVEST_LAWS, 'L7'].map((law) => `${implementation} ${law}`)).sort();

/**
 * Whether the QEMU models take their aligned path with a RAMBlock offset that is not word-aligned,
 * on the whole range or (for L9) on either part of the split.
 */
function alignedPathUnalignedOffset(c: SyncCase, law: LawId): boolean {
  const ranges: [number, number][] = [[c.startPage, c.npages]];
  if (law === 'L9') ranges.push([c.startPage, c.splitPage - c.startPage], [c.splitPage, c.startPage + c.npages - c.splitPage]);
  return c.offsetPage % 64 !== 0 && ranges.some(([start, npages]) => selectQemuPath(c.offsetPage, start, npages) === 'aligned');
}

/**
 * Whether a known finding explains a violation on a case: the aligned path with a misaligned offset
 * (L1, L2, L5, L9 in both QEMU models), the aligned path's re-arm (L7 in both), or, after the patch,
 * a re-arm gated on the newly-set count (L7 on any path).
 * @param implementation - the implementation's name
 * @param law - the broken law
 * @param c - the case
 * @returns true when the violation is a known finding on this case
 */
export function explainedByFinding(implementation: string, law: LawId, c: SyncCase): boolean {
  if (!QEMU_MODELS.includes(implementation)) return false;
  if (law === 'L7') return implementation === 'qemu-landed' || selectQemuPath(c.offsetPage, c.startPage, c.npages) === 'aligned';
  return MISPLACED_HARVEST_LAWS.includes(law) && alignedPathUnalignedOffset(c, law);
}

/**
 * The (implementation, law) pairs the whole of one pattern's slice (every offset, start and length at
 * one block size) must find broken. A pattern whose `bmap` is all ones hides every misplaced harvest:
 * the wrong word's bits are already set, and the aligned path clears the right source words. Only
 * the re-arm findings (L7) can show there.
 * @param pattern - the slice's bitmap pattern
 * @returns the pairs, sorted
 */
export function expectedBrokenIn(pattern: BitmapPattern): readonly string[] {
  return pattern.bmap.kind === 'ones' ? EXPECTED_BROKEN.filter((pair) => pair.endsWith(' L7')) : EXPECTED_BROKEN;
}
