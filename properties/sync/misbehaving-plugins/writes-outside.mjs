// Misbehaving-plug-in kit: reaches past its arrays through their ArrayBuffer, after a correct sync,
// as the environment variable KIT_EDGE says: block-before, block-after (the block holding the
// range's first page), bmap-before, bmap-after.
import { correctSync } from './correct-sync.mjs';

function poke(array, wordIndex) {
  const whole = new Uint32Array(array.buffer);
  whole[array.byteOffset / 4 + wordIndex] = 0xffffffff;
}

export function syncDirtyBitmap(mem, rb, startPage, npages, effects) {
  const newlySet = correctSync(mem, rb, startPage, npages, effects);
  const block = mem.blocks[Math.floor((rb.offsetPage + startPage) / mem.blockPages)];
  const edge = process.env.KIT_EDGE;
  if (edge === 'block-before') poke(block, -1);
  if (edge === 'block-after') poke(block, block.length);
  if (edge === 'bmap-before') poke(rb.bmap, -1);
  if (edge === 'bmap-after') poke(rb.bmap, rb.bmap.length + 1);
  return newlySet;
}
