/**
 * Law L9 (docs/specification.md): syncing a range in two adjacent parts leaves the same state as syncing it whole.
 */
import { testBit } from '../../bitmap/bitmap.ts';
import { sourceBit } from '../sync-case.ts';
import { firstSelectedBit, firstSelectedPage } from './bit-diff.ts';
import { defineLaw, thrownBy, type SyncLaw } from './law.ts';

/** L9: `[a, b)` then `[b, c)` gives the state `[a, c)` gives. */
export const splitLaw: SyncLaw = defineLaw({
  id: 'L9',
  name: 'split',
  statement: 'leaves the same state when the range is synced in two parts',
  check({ syncCase, whole, split }) {
    const thrown = thrownBy(split);
    if (thrown) return `in the split run, ${thrown}`;
    const parts = `[${syncCase.startPage}, ${syncCase.splitPage}) then [${syncCase.splitPage}, ${syncCase.startPage + syncCase.npages})`;
    const page = firstSelectedPage(whole.after.mem, split.after.mem, (w, s) => w ^ s);
    if (page !== undefined) {
      return `source page ${page} is ${Number(sourceBit(whole.after.mem, page))} after the whole sync but ${Number(sourceBit(split.after.mem, page))} after ${parts}`;
    }
    const bit = firstSelectedBit(whole.after.rb.bmap, split.after.rb.bmap, (w, s) => w ^ s);
    if (bit !== undefined) {
      return `bmap bit ${bit} is ${Number(testBit(whole.after.rb.bmap, bit))} after the whole sync but ${Number(testBit(split.after.rb.bmap, bit))} after ${parts}`;
    }
    return null;
  },
});
