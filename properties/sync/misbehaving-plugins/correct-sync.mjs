// The correct page-by-page sync every misbehaving plug-in of this kit starts from, so that each
// fails only by its misbehaviour.
export function correctSync(mem, rb, startPage, npages, effects) {
  let newlySet = 0;
  for (let page = startPage; page < startPage + npages; page++) {
    const global = rb.offsetPage + page;
    const block = mem.blocks[Math.floor(global / mem.blockPages)];
    const bit = global % mem.blockPages;
    if ((block[bit >>> 5] >>> (bit & 31)) & 1) {
      block[bit >>> 5] &= ~(1 << (bit & 31));
      effects.dirtyBitsCleared(global, 1);
      if (!((rb.bmap[page >>> 5] >>> (page & 31)) & 1)) newlySet++;
      rb.bmap[page >>> 5] |= 1 << (page & 31);
    }
  }
  if (npages > 0) effects.clearDirtyLog(startPage, npages);
  return newlySet;
}
