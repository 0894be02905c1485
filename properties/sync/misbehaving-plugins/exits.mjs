// Misbehaving-plug-in kit: ends the process with exit code 0 in its first call, which must never
// read green.
import { correctSync } from './correct-sync.mjs';

export function syncDirtyBitmap(mem, rb, startPage, npages, effects) {
  process.exit(0);
  return correctSync(mem, rb, startPage, npages, effects);
}
