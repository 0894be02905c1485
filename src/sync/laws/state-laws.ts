/**
 * Laws L1–L5 (docs/specification.md): what the sync does to the source bitmap, to `bmap`, and what it returns.
 */
import { testBit } from '../../bitmap/bitmap.ts';
import { countOnes } from '../../bitmap/word.ts';
import type { SyncEffects } from '../contract.ts';
import { referenceSyncUnchecked } from '../reference.ts';
import { materialize, sourceBit, type SyncCase, type SyncState } from '../sync-case.ts';
import { firstSelectedBit, firstSelectedPage, maskInRange, sourceWordAt } from './bit-diff.ts';
import { defineLaw, type SyncLaw } from './law.ts';

/** L1: source blocks, `bmap` and the return value equal the reference's. */
export const stateLaw: SyncLaw = defineLaw({
  id: 'L1',
  name: 'state',
  statement: "leaves source, bmap and return value equal to the reference's",
  check({ syncCase, whole }) {
    const { state: expected, returned } = referenceOutcome(syncCase);
    const page = firstSelectedPage(expected.mem, whole.after.mem, (want, got) => want ^ got);
    if (page !== undefined) {
      return `source page ${page} is ${Number(sourceBit(whole.after.mem, page))} after the sync; the reference leaves it ${Number(sourceBit(expected.mem, page))}`;
    }
    const bit = firstSelectedBit(expected.rb.bmap, whole.after.rb.bmap, (want, got) => want ^ got);
    if (bit !== undefined) {
      return `bmap bit ${bit} is ${Number(!testBit(expected.rb.bmap, bit))} after the sync; the reference leaves it ${Number(testBit(expected.rb.bmap, bit))}`;
    }
    if (whole.returned !== returned) return `returned ${String(whole.returned)}; the reference returns ${returned}`;
    return null;
  },
});

/** What the reference leaves and returns on a case. */
interface ReferenceOutcome {
  readonly state: SyncState;
  readonly returned: number;
}

/** L1 needs no effects from the reference, only its state and count. */
const IGNORED_EFFECTS: SyncEffects = { clearDirtyLog() {}, dirtyBitsCleared() {}, deferDirtyLogClear() {} };

/** The reference's outcome per case: cases are immutable, and one case is checked for several implementations. */
const referenceOutcomes = new WeakMap<SyncCase, ReferenceOutcome>();

function referenceOutcome(syncCase: SyncCase): ReferenceOutcome {
  let outcome = referenceOutcomes.get(syncCase);
  if (outcome === undefined) {
    const state = materialize(syncCase);
    outcome = { state, returned: referenceSyncUnchecked(state.mem, state.rb, syncCase.startPage, syncCase.npages, IGNORED_EFFECTS) };
    referenceOutcomes.set(syncCase, outcome);
  }
  return outcome;
}

/** L2: nothing outside the synced range changes, in the source or in `bmap`. */
export const localityLaw: SyncLaw = defineLaw({
  id: 'L2',
  name: 'locality',
  statement: 'changes no source bit and no bmap bit outside the synced range',
  check({ syncCase, before, whole }) {
    const globalStart = syncCase.offsetPage + syncCase.startPage;
    const page = firstSelectedPage(before.mem, whole.after.mem, (b, a, first) => (b ^ a) & ~maskInRange(first, globalStart, syncCase.npages));
    if (page !== undefined) {
      const owner = page < syncCase.offsetPage || page >= syncCase.offsetPage + syncCase.pages ? 'another RAMBlock' : 'this RAMBlock, outside the range';
      return `source page ${page} (${owner}) changed from ${Number(sourceBit(before.mem, page))} to ${Number(sourceBit(whole.after.mem, page))}`;
    }
    const bit = firstSelectedBit(before.rb.bmap, whole.after.rb.bmap, (b, a, first) => (b ^ a) & ~maskInRange(first, syncCase.startPage, syncCase.npages));
    if (bit !== undefined) {
      const where = bit >= syncCase.pages ? `beyond rb.pages (${syncCase.pages})` : 'outside the range';
      return `bmap bit ${bit} (${where}) changed from ${Number(testBit(before.rb.bmap, bit))} to ${Number(testBit(whole.after.rb.bmap, bit))}`;
    }
    return null;
  },
});

/** L3: no `bmap` bit goes from 1 to 0. */
export const monotoneLaw: SyncLaw = defineLaw({
  id: 'L3',
  name: 'monotone',
  statement: 'never clears a bmap bit',
  check({ before, whole }) {
    const bit = firstSelectedBit(before.rb.bmap, whole.after.rb.bmap, (b, a) => b & ~a);
    return bit === undefined ? null : `bmap bit ${bit} went from 1 to 0`;
  },
});

/** L4: the return value counts the `bmap` bits that went from 0 to 1. */
export const countLaw: SyncLaw = defineLaw({
  id: 'L4',
  name: 'count',
  statement: 'returns the number of bmap bits that went from 0 to 1',
  check({ before, whole }) {
    const { returned } = whole;
    if (typeof returned !== 'number' || !Number.isSafeInteger(returned) || returned < 0) {
      return `returned ${typeof returned === 'number' ? returned : `${typeof returned} ${String(returned)}`}, not a non-negative integer count`;
    }
    let newlySet = 0;
    const b = before.rb.bmap;
    const a = whole.after.rb.bmap;
    for (let index = 0; index < b.length; index++) newlySet += countOnes(a[index] & ~b[index]);
    return returned === newlySet ? null : `returned ${returned}, but ${newlySet} bmap bits went from 0 to 1`;
  },
});

/** L5: every source bit set in the range is cleared and its page set in `bmap`. */
export const harvestLaw: SyncLaw = defineLaw({
  id: 'L5',
  name: 'harvest',
  statement: 'clears every source bit set in the range and sets its page in bmap',
  check({ syncCase, before, whole }) {
    const globalStart = syncCase.offsetPage + syncCase.startPage;
    const kept = firstSelectedPage(before.mem, whole.after.mem, (b, a, first) => b & a & maskInRange(first, globalStart, syncCase.npages));
    if (kept !== undefined) return `source page ${kept} was set before the sync and is still set after it`;
    const { offsetPage, startPage, npages } = syncCase;
    const after = whole.after.rb.bmap;
    const lost = firstSelectedBit(after, after, (_, a, first) => sourceWordAt(before.mem, offsetPage + first) & ~a & maskInRange(first, startPage, npages));
    return lost === undefined ? null : `source page ${offsetPage + lost} was set before the sync, but its bmap bit ${lost} is clear after it`;
  },
});
