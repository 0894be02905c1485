/**
 * The causes of the laws QEMU's models break, as data, and the derivation of a counterexample's cause
 * from the path it takes through the model. A finding is explained by what its own counterexample
 * does, never by the (implementation, family, law) it was found under: one family can reach both
 * paths, so the same key can hold different causes.
 *
 * Background for each cause, with QEMU's code quoted by file and function: docs/qemu-background.md.
 */
import type { LawId } from './laws/law.ts';
import type { SyncObservation, SyncRun } from './observation.ts';
import { type QemuSyncPath, selectQemuPath } from './qemu/path-selection.ts';
import { sourceBit } from './sync-case.ts';

/** The identifier of a cause. */
export type FindingCauseId = 'aligned-destination-cursor' | 'aligned-rearm-relative-start' | 'aligned-rearm-newly-set' | 'misaligned-rearm-newly-set';

/** One cause: where it lives in QEMU and why it breaks laws. */
export interface FindingCause {
  readonly id: FindingCauseId;
  /** A short title for headings. */
  readonly title: string;
  /** The path a counterexample of this cause takes. */
  readonly path: QemuSyncPath;
  /** QEMU file and function holding the code, and since when. */
  readonly where: string;
  /** Why the law breaks, in two or three sentences. */
  readonly explanation: string;
  /** The anchor of its section in docs/qemu-background.md. */
  readonly docAnchor: string;
}

/** Every cause, in the order the report shows them. */
export const FINDING_CAUSES: Readonly<Record<FindingCauseId, FindingCause>> = {
  'aligned-destination-cursor': {
    id: 'aligned-destination-cursor',
    title: 'aligned path: destination cursor counted from the block-relative start',
    path: 'aligned',
    where: '`migration/ram.c`, `physical_memory_sync_dirty_bitmap` (aligned branch, since 2017)',
    explanation:
      'The aligned path is chosen when the global start page `offsetPage + startPage` is a multiple of 64, but it ORs each source word into the `bmap` word `floor(startPage / 64)`, counted from the block-relative start. When `offsetPage` is not a multiple of 64 the harvested bits land `offsetPage mod 64` pages away from their pages: bits outside the range are set, pages in the range are not, and splitting the range changes the outcome. Latent in QEMU: its only caller syncs from page 0 and `find_ram_offset` has aligned block offsets to 64 pages since 2018.',
    docAnchor: 'aligned-path-destination-cursor',
  },
  'aligned-rearm-relative-start': {
    id: 'aligned-rearm-relative-start',
    title: 'aligned path: TCG re-arm given the block-relative start',
    path: 'aligned',
    where: '`migration/ram.c`, `physical_memory_sync_dirty_bitmap` calling `physical_memory_dirty_bits_cleared(start, length)` (since 03bfc2188f, 2024)',
    explanation:
      '`physical_memory_dirty_bits_cleared` takes a global `ram_addr_t`, but the aligned path passes `start`, which is relative to the RAMBlock. For a block at a non-zero offset the TCG TLB re-arm covers another block\'s pages and the cleared pages stay disarmed, so later guest writes through the TCG fast path set no dirty bit. Only TCG is affected.',
    docAnchor: 'block-relative-re-arm-start',
  },
  'aligned-rearm-newly-set': {
    id: 'aligned-rearm-newly-set',
    title: 'aligned path: TCG re-arm gated on the newly-set count',
    path: 'aligned',
    where: '`migration/ram.c`, `physical_memory_sync_dirty_bitmap`: `if (num_dirty) physical_memory_dirty_bits_cleared(...)` (since 03bfc2188f, 2024)',
    explanation:
      'The aligned path re-arms only when `num_dirty`, the count of `bmap` bits that went from 0 to 1, is non-zero. When every harvested page was already pending in `bmap`, source bits are cleared and nothing is re-armed, so under TCG a write after the page is sent can be missed.',
    docAnchor: 're-arm-gated-on-the-newly-set-count',
  },
  'misaligned-rearm-newly-set': {
    id: 'misaligned-rearm-newly-set',
    title: 'misaligned path after e8a6d158: TCG re-arm gated on the newly-set count',
    path: 'misaligned',
    where: '`system/physmem.c`, `physical_memory_test_and_clear_dirty` with a `bmap`: `if (num_dirty) physical_memory_dirty_bits_cleared(start, length)` (since e8a6d158, 2025)',
    explanation:
      'Since e8a6d158 the misaligned path harvests the whole range in `physical_memory_test_and_clear_dirty`, which re-arms only when its count is non-zero, and with a `bmap` that count is of newly set bits. Harvesting pages already pending in `bmap` clears their source bits and re-arms nothing. Before the patch the per-page path re-armed every page whose source bit was set.',
    docAnchor: 're-arm-gated-on-the-newly-set-count',
  },
};

/** A cause derived from a counterexample, with the facts of the run that show it. */
export interface DerivedCause {
  readonly cause: FindingCauseId;
  /** The path the counterexample's call took. */
  readonly path: QemuSyncPath;
  /** One sentence with the numbers from the counterexample. */
  readonly evidence: string;
}

const STATE_LAWS: readonly LawId[] = ['L1', 'L2', 'L3', 'L4', 'L5', 'L9'];

function pathText(offsetPage: number, startPage: number, npages: number): string {
  const global = offsetPage + startPage;
  return selectQemuPath(offsetPage, startPage, npages) === 'aligned'
    ? `global start ${global} and npages ${npages} are multiples of 64, so the aligned path runs`
    : `${global % 64 !== 0 ? `global start ${global}` : `npages ${npages}`} is not a multiple of 64, so the misaligned path runs`;
}

/** Global pages in the range whose source bit the run cleared. */
function clearedPages(observation: SyncObservation, run: SyncRun): number[] {
  const { syncCase, before } = observation;
  const first = syncCase.offsetPage + syncCase.startPage;
  return Array.from({ length: syncCase.npages }, (_, i) => first + i).filter((g) => sourceBit(before.mem, g) && !sourceBit(run.after.mem, g));
}

function rearmCause(observation: SyncObservation): DerivedCause | undefined {
  const { syncCase, whole } = observation;
  const { offsetPage, startPage, npages } = syncCase;
  const path = selectQemuPath(offsetPage, startPage, npages);
  const cleared = clearedPages(observation, whole);
  if (cleared.length === 0) return undefined;
  const rearms = whole.calls.filter((call) => call.kind === 'dirtyBitsCleared');
  const route = pathText(offsetPage, startPage, npages);
  if (rearms.length === 0 && whole.returned === 0) {
    const cause = path === 'aligned' ? 'aligned-rearm-newly-set' : 'misaligned-rearm-newly-set';
    return { cause, path, evidence: `${route}; it cleared source page ${cleared[0]}${cleared.length > 1 ? ` and ${cleared.length - 1} more` : ''}, but every bmap bit it set was already set, so the newly-set count is 0 and no re-arm is made` };
  }
  const relative = rearms.find((call) => call.startPage === startPage && npages === call.npages);
  if (path === 'aligned' && offsetPage !== 0 && relative !== undefined) {
    return { cause: 'aligned-rearm-relative-start', path, evidence: `${route}; it re-armed dirtyBitsCleared(${startPage}, ${npages}), the block-relative start, while the cleared pages start at global page ${offsetPage + startPage}` };
  }
  return undefined;
}

function stateCause(observation: SyncObservation, law: LawId): DerivedCause | undefined {
  const { offsetPage, startPage, npages, splitPage } = observation.syncCase;
  if (offsetPage % 64 === 0) return undefined;
  // L9 compares the whole range with its two halves: any of the three calls may take the aligned path.
  const calls: (readonly [number, number])[] = law === 'L9' ? [[startPage, npages], [startPage, splitPage - startPage], [splitPage, startPage + npages - splitPage]] : [[startPage, npages]];
  const aligned = calls.find(([start, count]) => count > 0 && selectQemuPath(offsetPage, start, count) === 'aligned');
  if (aligned === undefined) return undefined;
  const [start, count] = aligned;
  const which = start === startPage && count === npages ? 'the whole range' : `the part [${start}, ${start + count})`;
  return {
    cause: 'aligned-destination-cursor',
    path: 'aligned',
    evidence: `for ${which}, ${pathText(offsetPage, start, count)}; rb.offsetPage ${offsetPage} is ${offsetPage % 64} pages past a multiple of 64, so source word ${Math.floor((offsetPage + start) / 64)} is ORed into bmap word ${Math.floor(start / 64)}`,
  };
}

/**
 * Derives why a QEMU model broke a law on a counterexample, from the path the call took and what it
 * did: which path ran, which source bits it cleared, what it returned and which effects it made.
 * @param law - the law broken
 * @param observation - the counterexample's run
 * @returns the cause with its evidence, or undefined when no known cause fits (a new finding)
 */
export function deriveCause(law: LawId, observation: SyncObservation): DerivedCause | undefined {
  if (law === 'L7') return rearmCause(observation);
  if (STATE_LAWS.includes(law)) return stateCause(observation, law);
  return undefined;
}
