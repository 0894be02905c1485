// Misbehaving-plug-in kit: kills its own process with SIGSEGV on QEMU's 2^21-page DirtyMemoryBlocks
// only, as a crash in native code would; the other families must still be checked.
import { correctSync } from './correct-sync.mjs';

export function syncDirtyBitmap(mem, rb, startPage, npages, effects) {
  if (mem.blockPages === 2 ** 21) process.kill(process.pid, 'SIGSEGV');
  return correctSync(mem, rb, startPage, npages, effects);
}
