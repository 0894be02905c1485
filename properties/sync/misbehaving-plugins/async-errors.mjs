// Misbehaving-plug-in kit: leaves an error behind its call, outside any call: on QEMU's 2^21-page
// DirtyMemoryBlocks an exception thrown from a timer, elsewhere a promise rejected with nobody
// handling it.
import { correctSync } from './correct-sync.mjs';

export function syncDirtyBitmap(mem, rb, startPage, npages, effects) {
  if (mem.blockPages === 2 ** 21) {
    setTimeout(() => {
      throw new Error('thrown from a timer');
    });
  } else {
    Promise.reject(new Error('rejected in the background'));
  }
  return correctSync(mem, rb, startPage, npages, effects);
}
