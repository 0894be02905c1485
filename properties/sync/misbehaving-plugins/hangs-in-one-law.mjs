// Misbehaving-plug-in kit: never returns from a call that continues the previous call on the same
// RAMBlock, which only L9's split run makes; every other law must still be checked.
import { correctSync } from './correct-sync.mjs';

const endOfLastCall = new WeakMap();

export function syncDirtyBitmap(mem, rb, startPage, npages, effects) {
  if (endOfLastCall.get(rb) === startPage && npages > 0) for (;;);
  endOfLastCall.set(rb, startPage + npages);
  return correctSync(mem, rb, startPage, npages, effects);
}
