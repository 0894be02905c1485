/**
 * QEMU's historical sync bugs (docs/qemu-background.md), each rebuilt by swapping one part of the
 * QEMU model for its buggy form. Kept in the tests, never shipped: they exist to prove the laws catch
 * the bugs that really happened.
 */
import type { SyncEffects, SyncImplementation } from '../../../src/sync/contract.ts';
import { qemuAlignedPath, DEFAULT_CLEAR_BITMAP_SHIFT } from '../../../src/sync/qemu/aligned-path.ts';
import { assembleQemuSync } from '../../../src/sync/qemu/qemu-model.ts';
import { landedMisalignedPath } from '../../../src/sync/qemu-landed.ts';
import type { LawId } from '../../../src/sync/laws/law.ts';
import { sourceBit } from '../../../src/sync/sync-case.ts';

/** A historical bug: the buggy model, and the law and family that must catch it. */
export interface HistoricalBug {
  /** Short id, B1 … B6 as in docs/qemu-background.md, B11 for the RFC's off-by-one. */
  readonly id: string;
  /** The QEMU commit that fixed it, and what went wrong. */
  readonly story: string;
  /** The buggy model. */
  readonly implementation: SyncImplementation;
  /** The law that catches it. */
  readonly law: LawId;
  /** The case family in which it is caught. */
  readonly family: string;
}

function variant(name: string, parts: Parameters<typeof assembleQemuSync>[0]): SyncImplementation {
  return { name, description: `historical bug: ${name}`, syncDirtyBitmap: assembleQemuSync(parts) };
}

/** Wraps effects so that one callback's arguments are rewritten (or the call dropped, when it returns null). */
function rewriting(effects: SyncEffects, kind: 'clearDirtyLog' | 'dirtyBitsCleared', rewrite: (start: number, npages: number) => [number, number] | null): SyncEffects {
  return {
    ...effects,
    [kind]: (start: number, npages: number) => {
      const args = rewrite(start, npages);
      if (args) effects[kind](...args);
    },
  };
}

/** Every historical bug the suite replays. */
export const HISTORICAL_BUGS: readonly HistoricalBug[] = [
  {
    id: 'B1',
    story: '084140bd49 (2017): the global bitmap was indexed without rb->offset, syncing another block\'s pages',
    implementation: {
      name: 'B1-missing-offset',
      description: 'sync that ignores rb.offsetPage',
      syncDirtyBitmap: (mem, rb, startPage, npages, effects) =>
        assembleQemuSync({ misalignedPath: landedMisalignedPath })(mem, { ...rb, offsetPage: 0 }, startPage, npages, effects),
    },
    law: 'L5',
    family: 'any-range',
  },
  {
    id: 'B2',
    story: 'f70d3451fe (2017): the aligned path was chosen on the block-relative start alone',
    implementation: variant('B2-relative-alignment-check', {
      misalignedPath: landedMisalignedPath,
      selectPath: (_offsetPage, startPage, npages) => (startPage % 64 === 0 && npages % 64 === 0 ? 'aligned' : 'misaligned'),
    }),
    law: 'L2',
    family: 'any-range',
  },
  {
    id: 'B3',
    story: 'aa777e297c (2018): a block not a multiple of 64 pages took whole words holding the next block\'s bits',
    implementation: variant('B3-no-length-check', {
      misalignedPath: landedMisalignedPath,
      selectPath: (offsetPage, startPage) => ((offsetPage + startPage) % 64 === 0 ? 'aligned' : 'misaligned'),
    }),
    law: 'L2',
    family: 'short-neighbour',
  },
  {
    id: 'B4',
    story: '25aa6b3718 (2020): the remote clear was issued with the loop\'s end as its start and size 0',
    implementation: variant('B4-clear-at-end', {
      misalignedPath: (mem, rb, startPage, npages, effects) =>
        landedMisalignedPath(mem, rb, startPage, npages, rewriting(effects, 'clearDirtyLog', (start, count) => [start + count, 0])),
    }),
    law: 'L6',
    family: 'whole-block',
  },
  {
    id: 'B5',
    story: 'fb6135807f (2020): every harvested bit was counted, not only bits newly set in bmap',
    implementation: variant('B5-count-harvested', {
      misalignedPath: (mem, rb, startPage, npages, effects) => {
        let harvested = 0;
        for (let page = startPage; page < startPage + npages; page++) harvested += Number(sourceBit(mem, rb.offsetPage + page));
        landedMisalignedPath(mem, rb, startPage, npages, effects);
        return harvested;
      },
    }),
    law: 'L4',
    family: 'whole-block',
  },
  {
    id: 'B6',
    story: '03bfc2188f (2024): the aligned path never re-armed TCG dirty tracking',
    implementation: variant('B6-aligned-no-rearm', {
      misalignedPath: landedMisalignedPath,
      alignedPath: (mem, rb, startPage, npages, effects) =>
        qemuAlignedPath(mem, rb, startPage, npages, rewriting(effects, 'dirtyBitsCleared', () => null), DEFAULT_CLEAR_BITMAP_SHIFT),
    }),
    law: 'L7',
    family: 'aligned-block',
  },
  {
    id: 'B11',
    story: 'RFC v1 of e8a6d158 (not merged): the merged remote clear reached one page past the range',
    implementation: variant('B11-clear-one-past', {
      misalignedPath: (mem, rb, startPage, npages, effects) =>
        landedMisalignedPath(mem, rb, startPage, npages, rewriting(effects, 'clearDirtyLog', (start, count) => [start, count + 1])),
    }),
    law: 'L6',
    family: 'whole-block',
  },
];
