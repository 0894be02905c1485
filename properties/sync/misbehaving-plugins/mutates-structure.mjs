// Misbehaving-plug-in kit: changes the structures the oracle hands over, after a correct sync, as
// the environment variable KIT_MUTATION says: empty-blocks (mem.blocks.length = 0), replace-blocks
// (mem.blocks = []), replace-block (a new array for the range's first block), replace-bmap.
import { correctSync } from './correct-sync.mjs';

export function syncDirtyBitmap(mem, rb, startPage, npages, effects) {
  const newlySet = correctSync(mem, rb, startPage, npages, effects);
  const mutation = process.env.KIT_MUTATION;
  if (mutation === 'empty-blocks') mem.blocks.length = 0;
  if (mutation === 'replace-blocks') mem.blocks = [];
  if (mutation === 'replace-block') mem.blocks[Math.floor(rb.offsetPage / mem.blockPages)] = new Uint32Array(mem.blockPages / 32);
  if (mutation === 'replace-bmap') rb.bmap = new Uint32Array(rb.bmap.length);
  return newlySet;
}
