/**
 * Meta-tests of the laws: every kind of violation each law reports is produced by a crafted wrong
 * implementation, and reported with its message, exactly. The wrong implementations are the reference
 * with one thing done wrong, run on one small case whose every expected number is worked out by hand
 * below, so a law that stops noticing a kind of bug, or describes it wrongly, fails here. The other
 * way round, implementations that do something unusual but allowed (re-arms out of page order, or
 * overlapping) must break no law.
 *
 * The case: 64-page DirtyMemoryBlocks, a RAMBlock at global page 8 of 48 pages, the range
 * block-relative [4, 12) (global [12, 20)), split at 8. Dirty source pages: 0–3 and 60 (other
 * RAMBlocks), 12–15 (in the range) and 40 (this RAMBlock, outside the range). `bmap` has bits 4 and 30
 * set, and one spare 64-bit word past `rb.pages`. The reference harvests pages 12–15 into bmap bits
 * 4–7, of which 5, 6, 7 are new: it returns 3, re-arms 12, 13, 14, 15 one page each and clears the
 * remote log of each page 4–11 once.
 *
 * A second case crosses a DirtyMemoryBlock boundary at an offset that is not a multiple of 32, so a
 * `bmap` word gathers its source bits from two source words in two DirtyMemoryBlocks: a RAMBlock at
 * global page 40 of 64 pages, the range block-relative [20, 40) (global [60, 80)), and dirty source
 * pages 62, 70 and 75 (block pages 22, 30 and 35; 70 and 75 lie in the second DirtyMemoryBlock). The
 * reference harvests them into the clear `bmap` as bits 22, 30 and 35, returns 3 and re-arms 62, 70
 * and 75 one page each.
 */
import { describe, expect, test } from 'vitest';
import { buildCase } from '../../src/sync/case-arbitraries.ts';
import type { DirtyMemory, RamBlock, SyncEffects, SyncImplementation } from '../../src/sync/contract.ts';
import { LAWS, lawById } from '../../src/sync/laws/catalogue.ts';
import type { LawId } from '../../src/sync/laws/law.ts';
import { observeSync } from '../../src/sync/observation.ts';
import { referenceSyncUnchecked } from '../../src/sync/reference.ts';
import type { SyncCase } from '../../src/sync/sync-case.ts';

const LAYOUT = { blockPages: 64, offsetPage: 8, pages: 48, startPage: 4, npages: 8, splitAfter: 4 };
// Source word 0 holds global pages 0–31, word 1 pages 32–63; bmap word 0 block-relative bits 0–31.
const SOURCE = { kind: 'pattern', words: [0x0000f00f, 0x10000100] } as const;
const BMAP = { kind: 'pattern', words: [0x40000010] } as const;
const CASE = buildCase('law-violations', LAYOUT, SOURCE, BMAP, 1);
const EMPTY_CASE = buildCase('law-violations', { ...LAYOUT, npages: 0, splitAfter: 0 }, SOURCE, BMAP, 1);
// Source word 1 holds page 62 (bit 30), word 2 (the second DirtyMemoryBlock's first) pages 70 and 75.
const CROSSING_LAYOUT = { blockPages: 64, offsetPage: 40, pages: 64, startPage: 20, npages: 20, splitAfter: 10 };
const CROSSING_CASE = buildCase('law-violations', CROSSING_LAYOUT, { kind: 'pattern', words: [0, 0x40000000, 0x00000840] }, { kind: 'pattern', words: [] }, 1);

type Sync = (mem: DirtyMemory, rb: RamBlock, startPage: number, npages: number, effects: SyncEffects) => number;

/** A wrong implementation: the reference (or `sync`) with one thing done wrong. */
function wrong(name: string, sync: Sync): SyncImplementation {
  return { name, description: name, syncDirtyBitmap: sync };
}

const flipSource = (mem: DirtyMemory, page: number) => {
  mem.blocks[Math.floor(page / mem.blockPages)][(page % mem.blockPages) >>> 5] ^= 1 << (page & 31);
};
const flipBmap = (rb: RamBlock, bit: number) => {
  rb.bmap[bit >>> 5] ^= 1 << (bit & 31);
};

/** The reference, then `after` on its result. */
const referenceThen = (name: string, after: (mem: DirtyMemory, rb: RamBlock, returned: number, effects: SyncEffects) => unknown): SyncImplementation =>
  wrong(name, (mem, rb, startPage, npages, effects) => after(mem, rb, referenceSyncUnchecked(mem, rb, startPage, npages, effects), effects) as number);

/** The reference, with some of its effect calls dropped. */
const referenceDropping = (name: string, drop: (kind: string, startPage: number) => boolean): SyncImplementation =>
  wrong(name, (mem, rb, startPage, npages, effects) => referenceSyncUnchecked(mem, rb, startPage, npages, {
    clearDirtyLog: (s, n) => (drop('clearDirtyLog', s) ? undefined : effects.clearDirtyLog(s, n)),
    dirtyBitsCleared: (s, n) => (drop('dirtyBitsCleared', s) ? undefined : effects.dirtyBitsCleared(s, n)),
  }));

/** The reference, with its re-arms replaced by `rearm`'s calls. */
const referenceRearming = (name: string, rearm: (effects: SyncEffects) => void): SyncImplementation =>
  wrong(name, (mem, rb, startPage, npages, effects) => {
    const newlySet = referenceSyncUnchecked(mem, rb, startPage, npages, { ...effects, dirtyBitsCleared: () => {} });
    rearm(effects);
    return newlySet;
  });

/** Calls with fewer than the whole range's 8 pages (the split run's) go to `part`. */
const differentWhenSplit = (name: string, part: Sync): SyncImplementation =>
  wrong(name, (mem, rb, startPage, npages, effects) => (npages < 8 ? part : referenceSyncUnchecked)(mem, rb, startPage, npages, effects));

const VIOLATIONS: readonly { law: LawId; implementation: SyncImplementation; message: string; syncCase?: SyncCase }[] = [
  // L1 state
  { law: 'L1', implementation: referenceThen('leaves a source bit', (mem, _rb, r) => (flipSource(mem, 13), r)), message: 'source page 13 is 1 after the sync; the reference leaves it 0' },
  { law: 'L1', implementation: referenceThen('sets an extra bmap bit', (_mem, rb, r) => (flipBmap(rb, 20), r)), message: 'bmap bit 20 is 1 after the sync; the reference leaves it 0' },
  { law: 'L1', implementation: referenceThen('returns one more', (_mem, _rb, r) => r + 1), message: 'returned 4; the reference returns 3' },
  // L2 locality
  { law: 'L2', implementation: referenceThen('clears a page of the previous RAMBlock', (mem, _rb, r) => (flipSource(mem, 2), r)), message: 'source page 2 (another RAMBlock) changed from 1 to 0' },
  { law: 'L2', implementation: referenceThen('clears a page of its block outside the range', (mem, _rb, r) => (flipSource(mem, 40), r)), message: 'source page 40 (this RAMBlock, outside the range) changed from 1 to 0' },
  { law: 'L2', implementation: referenceThen('sets a bmap bit outside the range', (_mem, rb, r) => (flipBmap(rb, 20), r)), message: 'bmap bit 20 (outside the range) changed from 0 to 1' },
  { law: 'L2', implementation: referenceThen('sets the first page of its block', (mem, _rb, r) => (flipSource(mem, 8), r)), message: 'source page 8 (this RAMBlock, outside the range) changed from 0 to 1' },
  { law: 'L2', implementation: referenceThen('sets the first page after its block', (mem, _rb, r) => (flipSource(mem, 56), r)), message: 'source page 56 (another RAMBlock) changed from 0 to 1' },
  { law: 'L2', implementation: referenceThen('sets a bmap bit past rb.pages', (_mem, rb, r) => (flipBmap(rb, 50), r)), message: 'bmap bit 50 (beyond rb.pages (48)) changed from 0 to 1' },
  { law: 'L2', implementation: referenceThen('sets the bmap bit of page rb.pages', (_mem, rb, r) => (flipBmap(rb, 48), r)), message: 'bmap bit 48 (beyond rb.pages (48)) changed from 0 to 1' },
  // L3 monotone
  { law: 'L3', implementation: referenceThen('clears a bmap bit', (_mem, rb, r) => (flipBmap(rb, 30), r)), message: 'bmap bit 30 went from 1 to 0' },
  // L4 count
  { law: 'L4', implementation: referenceThen('returns a fraction', () => 1.5), message: 'returned 1.5, not a non-negative integer count' },
  { law: 'L4', implementation: referenceThen('returns a negative count', () => -1), message: 'returned -1, not a non-negative integer count' },
  { law: 'L4', implementation: referenceThen('returns a string', () => '3'), message: 'returned string 3, not a non-negative integer count' },
  { law: 'L4', implementation: referenceThen('counts the harvest, not the new bits', () => 4), message: 'returned 4, but 3 bmap bits went from 0 to 1' },
  // L5 harvest
  { law: 'L5', implementation: referenceThen('leaves a source bit set', (mem, _rb, r) => (flipSource(mem, 14), r)), message: 'source page 14 was set before the sync and is still set after it' },
  { law: 'L5', implementation: referenceThen('loses a harvested page', (_mem, rb, r) => (flipBmap(rb, 6), r)), message: 'source page 14 was set before the sync, but its bmap bit 6 is clear after it' },
  {
    law: 'L5',
    syncCase: CROSSING_CASE,
    implementation: referenceThen('loses a page harvested from the next DirtyMemoryBlock', (_mem, rb, r) => (flipBmap(rb, 30), r)),
    message: 'source page 70 was set before the sync, but its bmap bit 30 is clear after it',
  },
  // L6 remote clear
  { law: 'L6', implementation: referenceThen('clears from a negative page', (_m, _rb, r, e) => (e.clearDirtyLog(-1, 1), r)), message: 'clearDirtyLog(-1, 1) has a start page that is not a non-negative integer' },
  { law: 'L6', implementation: referenceThen('clears no pages', (_m, _rb, r, e) => (e.clearDirtyLog(4, 0), r)), message: 'clearDirtyLog(4, 0) has a page count that is not a positive integer' },
  { law: 'L6', implementation: referenceThen('clears a page and a half', (_m, _rb, r, e) => (e.clearDirtyLog(4, 1.5), r)), message: 'clearDirtyLog(4, 1.5) has a page count that is not a positive integer' },
  { law: 'L6', implementation: referenceThen('defers from a fractional page', (_m, _rb, r, e) => (e.deferDirtyLogClear?.(4.5, 1), r)), message: 'deferDirtyLogClear(4.5, 1) has a start page that is not a non-negative integer' },
  { law: 'L6', implementation: referenceThen('clears a page before the range', (_m, _rb, r, e) => (e.clearDirtyLog(3, 1), r)), message: 'clearDirtyLog(3, 1) reaches outside the synced range [4, 12)' },
  { law: 'L6', implementation: referenceThen('clears a page twice', (_m, _rb, r, e) => (e.clearDirtyLog(5, 1), r)), message: "page 5's remote dirty log is cleared 2 times" },
  { law: 'L6', implementation: referenceDropping('forgets a remote clear', (kind, page) => kind === 'clearDirtyLog' && page === 7), message: "page 7's remote dirty log is neither cleared nor deferred" },
  // L7 re-arm
  { law: 'L7', implementation: referenceThen('re-arms no pages', (_m, _rb, r, e) => (e.dirtyBitsCleared(12, 0), r)), message: 'dirtyBitsCleared(12, 0) has a page count that is not a positive integer' },
  { law: 'L7', implementation: referenceThen('re-arms a page of the previous RAMBlock', (_m, _rb, r, e) => (e.dirtyBitsCleared(7, 1), r)), message: 'dirtyBitsCleared(7, 1) re-arms pages outside the RAMBlock [8, 56)' },
  { law: 'L7', implementation: referenceThen('re-arms past the end of its RAMBlock', (_m, _rb, r, e) => (e.dirtyBitsCleared(55, 2), r)), message: 'dirtyBitsCleared(55, 2) re-arms pages outside the RAMBlock [8, 56)' },
  { law: 'L7', implementation: referenceDropping('never re-arms', (kind) => kind === 'dirtyBitsCleared'), message: 'source page 12 was cleared but never re-armed (no dirtyBitsCleared call was made)' },
  {
    law: 'L7',
    implementation: referenceDropping('forgets one re-arm', (kind, page) => kind === 'dirtyBitsCleared' && page === 13),
    message: 'source page 13 was cleared but never re-armed (re-arms were dirtyBitsCleared(12, 1), dirtyBitsCleared(14, 1), dirtyBitsCleared(15, 1))',
  },
  // L8 empty (on the same layout with npages 0)
  { law: 'L8', syncCase: EMPTY_CASE, implementation: referenceThen('clears the start page anyway', (_m, _rb, r, e) => (e.clearDirtyLog(4, 1), r)), message: 'made 1 effect call(s) for an empty range: clearDirtyLog(4, 1)' },
  {
    law: 'L8',
    syncCase: EMPTY_CASE,
    implementation: referenceThen('clears and re-arms the start page anyway', (_m, _rb, r, e) => (e.clearDirtyLog(4, 1), e.dirtyBitsCleared(12, 1), r)),
    message: 'made 2 effect call(s) for an empty range: clearDirtyLog(4, 1), dirtyBitsCleared(12, 1)',
  },
  { law: 'L8', syncCase: EMPTY_CASE, implementation: referenceThen('returns 1', () => 1), message: 'returned 1 for an empty range' },
  { law: 'L8', syncCase: EMPTY_CASE, implementation: referenceThen('clears a source bit', (mem, _rb, r) => (flipSource(mem, 12), r)), message: 'source page 12 changed for an empty range' },
  { law: 'L8', syncCase: EMPTY_CASE, implementation: referenceThen('sets a bmap bit', (_mem, rb, r) => (flipBmap(rb, 5), r)), message: 'bmap word 0 changed for an empty range' },
  // L9 split: the parts [4, 8) and [8, 12) have 4 pages each
  { law: 'L9', implementation: differentWhenSplit('skips short ranges', () => 0), message: 'source page 12 is 0 after the whole sync but 1 after [4, 8) then [8, 12)' },
  {
    law: 'L9',
    implementation: differentWhenSplit('harvests short ranges into nowhere', (mem, rb, startPage, npages, effects) => referenceSyncUnchecked(mem, { ...rb, bmap: rb.bmap.slice() }, startPage, npages, effects)),
    message: 'bmap bit 5 is 1 after the whole sync but 0 after [4, 8) then [8, 12)',
  },
  { law: 'L9', implementation: differentWhenSplit('throws on short ranges', () => { throw new RangeError('short'); }), message: 'in the split run, the implementation threw on a valid input: RangeError: short' },
];

describe('each law reports each kind of violation, with its message', () => {
  test('the reference breaks no law on the cases used here', () => {
    for (const syncCase of [CASE, EMPTY_CASE, CROSSING_CASE]) {
      const observation = observeSync(wrong('reference', referenceSyncUnchecked), syncCase);
      expect(LAWS.map((law) => law.check(observation))).toEqual(LAWS.map(() => null));
    }
  });

  for (const { law, implementation, message, syncCase } of VIOLATIONS) {
    test(`${law}: ${implementation.name}`, () => {
      expect(lawById(law).check(observeSync(implementation, syncCase ?? CASE))).toBe(message);
    });
  }

  test('every law reports an implementation that throws on a valid input, and names the error', () => {
    const throws = wrong('throws', () => {
      throw new TypeError('boom');
    });
    for (const law of LAWS) {
      const syncCase = law.id === 'L8' ? EMPTY_CASE : CASE;
      expect(law.check(observeSync(throws, syncCase)), law.id).toBe('the implementation threw on a valid input: TypeError: boom');
    }
  });

  test('every law has at least one crafted violation here', () => {
    expect(new Set(VIOLATIONS.map((v) => v.law))).toEqual(new Set(LAWS.map((law) => law.id)));
  });
});

describe('lawById', () => {
  test('refuses an unknown id, naming the ids there are', () => {
    expect(() => lawById('L10' as LawId)).toThrow(new RangeError('lawById: id must be one of L1, L2, L3, L4, L5, L6, L7, L8, L9, got "L10"'));
  });
});

describe('no law reports what it allows', () => {
  const ALLOWED: readonly { implementation: SyncImplementation; syncCase: SyncCase }[] = [
    // The reference re-arms 12, 13, 14, 15; these are the same pages last to first.
    { syncCase: CASE, implementation: referenceRearming('re-arms last page first', (e) => [15, 14, 13, 12].forEach((page) => e.dirtyBitsCleared(page, 1))) },
    // Pages 70 and 75 are re-armed only by the first call, which the second one overlaps.
    { syncCase: CROSSING_CASE, implementation: referenceRearming('re-arms its whole RAMBlock, then its first page again', (e) => (e.dirtyBitsCleared(40, 64), e.dirtyBitsCleared(40, 1))) },
  ];
  for (const { implementation, syncCase } of ALLOWED) {
    test(implementation.name, () => {
      const observation = observeSync(implementation, syncCase);
      expect(LAWS.map((law) => law.check(observation))).toEqual(LAWS.map(() => null));
    });
  }
});

describe('an observation', () => {
  test("records the whole run's count and the split run's two counts", () => {
    // [4, 8) harvests global pages 12–15 into bmap bits 4–7, of which 5, 6, 7 are new; [8, 12) finds no dirty page.
    const observation = observeSync(wrong('reference', referenceSyncUnchecked), CASE);
    expect(observation.whole.returned).toBe(3);
    expect(observation.split.returned).toEqual([3, 0]);
  });
});
