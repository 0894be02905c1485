/**
 * A derived cause is read in full: cause, path and the evidence sentence, each worked out on paper from
 * the hand-written case's numbers. Around each cause sit the runs it must not claim: L9 cases where
 * only one half takes the aligned path (or an empty half would), offsets that are whole words, and runs
 * of the reference given the re-arm calls a buggy sync could make instead of QEMU's.
 */
import { describe, expect, test } from 'vitest';
import { deriveCause } from '../../src/sync/finding-causes.ts';
import { observeSync, type SyncObservation } from '../../src/sync/observation.ts';
import { qemuLanded } from '../../src/sync/qemu-landed.ts';
import { reference } from '../../src/sync/reference.ts';
import { handWrittenCase, observeBroken } from './hand-written-case.ts';

/**
 * The run as if the sync had made these re-arm calls and returned this count; its harvest (bitmaps and
 * remote clears) stays the reference's.
 */
function withRearms(observation: SyncObservation, rearms: readonly (readonly [number, number])[], returned: number): SyncObservation {
  const kept = observation.whole.calls.filter((call) => call.kind !== 'dirtyBitsCleared');
  const calls = [...kept, ...rearms.map(([startPage, npages]) => ({ kind: 'dirtyBitsCleared' as const, startPage, npages }))];
  return { syncCase: observation.syncCase, before: observation.before, whole: { ...observation.whole, calls, returned }, split: observation.split };
}

describe('the evidence of a derived cause', () => {
  test('an aligned re-arm at the block-relative start names the relative and the global start', () => {
    // Block at global page 64, range [64, 128) relative = [128, 192) global; page 130 is dirty.
    const observation = observeBroken(qemuLanded, 'L7', { blockPages: 256, blocks: 1, offsetPage: 64, pages: 128, startPage: 64, npages: 64, dirty: [130], pending: [] });
    expect(deriveCause('L7', observation)).toEqual({
      cause: 'aligned-rearm-relative-start',
      path: 'aligned',
      evidence: 'global start 128 and npages 64 are multiples of 64, so the aligned path runs; it re-armed dirtyBitsCleared(64, 64), the block-relative start, while the cleared pages start at global page 128',
    });
  });

  test('a misaligned harvest of pages all pending counts the cleared pages, not the range', () => {
    // Range [3, 13): pages 5, 7 and 9 are dirty and already pending; 3, 4, 6, 8 and 10 to 12 are clean.
    const observation = observeBroken(qemuLanded, 'L7', { blockPages: 64, blocks: 2, offsetPage: 0, pages: 100, startPage: 3, npages: 10, dirty: [5, 7, 9], pending: [5, 7, 9] });
    expect(deriveCause('L7', observation)).toEqual({
      cause: 'misaligned-rearm-newly-set',
      path: 'misaligned',
      evidence: 'global start 3 is not a multiple of 64, so the misaligned path runs; it cleared source page 5 and 2 more, but every bmap bit it set was already set, so the newly-set count is 0 and no re-arm is made',
    });
  });

  test('a misaligned range at a global start that is a whole word names its length as the reason', () => {
    // Range [0, 10) of the block at global page 64: the start is aligned, the 10 pages are not.
    const observation = observeBroken(qemuLanded, 'L7', { blockPages: 256, blocks: 1, offsetPage: 64, pages: 128, startPage: 0, npages: 10, dirty: [66], pending: [2] });
    expect(deriveCause('L7', observation)?.evidence).toBe(
      'npages 10 is not a multiple of 64, so the misaligned path runs; it cleared source page 66, but every bmap bit it set was already set, so the newly-set count is 0 and no re-arm is made',
    );
  });

  test('the destination cursor over the whole range: source word (70 + 58) / 64 = 2 lands in bmap word 58 / 64 = 0', () => {
    const observation = observeBroken(qemuLanded, 'L1', { blockPages: 256, blocks: 1, offsetPage: 70, pages: 186, startPage: 58, npages: 128, dirty: [130], pending: [] });
    expect(deriveCause('L1', observation)).toEqual({
      cause: 'aligned-destination-cursor',
      path: 'aligned',
      evidence: 'for the whole range, global start 128 and npages 128 are multiples of 64, so the aligned path runs; rb.offsetPage 70 is 6 pages past a multiple of 64, so source word 2 is ORed into bmap word 0',
    });
    // The remote-clear law (L6) and the empty-range law (L8) are not explained by where the bits land.
    for (const law of ['L6', 'L8'] as const) expect(deriveCause(law, observation), law).toBeUndefined();
  });

  test('L9 with only the first half aligned: [63, 127) at offset 1 starts at global page 64', () => {
    const layout = { blockPages: 256, blocks: 1, offsetPage: 1, pages: 200, startPage: 63, npages: 100, splitPage: 127, dirty: [69], pending: [] };
    const observation = observeBroken(qemuLanded, 'L9', layout);
    expect(deriveCause('L9', observation)).toEqual({
      cause: 'aligned-destination-cursor',
      path: 'aligned',
      evidence: 'for the part [63, 127), global start 64 and npages 64 are multiples of 64, so the aligned path runs; rb.offsetPage 1 is 1 pages past a multiple of 64, so source word 1 is ORed into bmap word 0',
    });
    // L1 syncs the whole range only, 100 pages: the misaligned path, which has no destination cursor.
    expect(deriveCause('L1', observation)).toBeUndefined();
  });

  test('L9 with only the second half aligned: [61, 125) at offset 3 starts at global page 64', () => {
    const observation = observeBroken(qemuLanded, 'L9', { blockPages: 256, blocks: 1, offsetPage: 3, pages: 200, startPage: 10, npages: 115, splitPage: 61, dirty: [70], pending: [] });
    expect(deriveCause('L9', observation)?.evidence).toBe(
      'for the part [61, 125), global start 64 and npages 64 are multiples of 64, so the aligned path runs; rb.offsetPage 3 is 3 pages past a multiple of 64, so source word 1 is ORed into bmap word 0',
    );
  });
});

describe('runs no known cause explains', () => {
  test('an empty first half at an aligned global start is no aligned call: L9 of [63, 73) split at 63, offset 1', () => {
    const observation = observeSync(qemuLanded, handWrittenCase({ blockPages: 256, blocks: 1, offsetPage: 1, pages: 200, startPage: 63, npages: 10, splitPage: 63, dirty: [69], pending: [] }));
    expect(deriveCause('L9', observation)).toBeUndefined();
  });

  test('a block offset that is a whole number of words (64) puts the bits where they belong', () => {
    const observation = observeSync(qemuLanded, handWrittenCase({ blockPages: 256, blocks: 1, offsetPage: 64, pages: 128, startPage: 0, npages: 64, dirty: [70], pending: [] }));
    for (const law of ['L1', 'L2', 'L5', 'L9'] as const) expect(deriveCause(law, observation), law).toBeUndefined();
  });

  test('a sync that cleared no source bit is no missed re-arm, though it re-armed nothing and returned 0', () => {
    const observation = observeSync(qemuLanded, handWrittenCase({ blockPages: 64, blocks: 1, offsetPage: 0, pages: 64, startPage: 0, npages: 3, dirty: [], pending: [1] }));
    expect(observation.whole.returned).toBe(0);
    expect(deriveCause('L7', observation)).toBeUndefined();
  });

  // The reference's harvest of [0, 64) of a block at global page 64, page 70 dirty, with other re-arms.
  const aligned64 = () => observeSync(reference, handWrittenCase({ blockPages: 256, blocks: 1, offsetPage: 64, pages: 128, startPage: 0, npages: 64, dirty: [70], pending: [] }));

  test('re-arms at the global pages, one or all, are not the block-relative start', () => {
    expect(aligned64().whole.calls.filter((call) => call.kind === 'dirtyBitsCleared')).toEqual([{ kind: 'dirtyBitsCleared', startPage: 70, npages: 1 }]);
    expect(deriveCause('L7', aligned64())).toBeUndefined();
    expect(deriveCause('L7', withRearms(aligned64(), [[64, 64]], 1))).toBeUndefined();
    // The relative start with another length is not QEMU's call either.
    expect(deriveCause('L7', withRearms(aligned64(), [[0, 1]], 1))).toBeUndefined();
    // QEMU's call, dirtyBitsCleared(startPage, npages), is.
    expect(deriveCause('L7', withRearms(aligned64(), [[0, 64]], 1))?.cause).toBe('aligned-rearm-relative-start');
  });

  test('no re-arm with a non-zero count is not the newly-set gate', () => {
    expect(deriveCause('L7', withRearms(aligned64(), [], 1))).toBeUndefined();
  });

  test('the block-relative re-arm cause needs the aligned path and a block off page 0', () => {
    // Misaligned: [0, 10) of the block at 64, re-armed at the relative start.
    const misaligned = observeSync(reference, handWrittenCase({ blockPages: 256, blocks: 1, offsetPage: 64, pages: 128, startPage: 0, npages: 10, dirty: [66], pending: [] }));
    expect(deriveCause('L7', withRearms(misaligned, [[0, 10]], 1))).toBeUndefined();
    // At offset 0 the relative start is the global one: [64, 128) re-armed as (64, 64) is right.
    const atZero = observeSync(reference, handWrittenCase({ blockPages: 128, blocks: 1, offsetPage: 0, pages: 128, startPage: 64, npages: 64, dirty: [70], pending: [] }));
    expect(deriveCause('L7', withRearms(atZero, [[64, 64]], 1))).toBeUndefined();
  });
});
