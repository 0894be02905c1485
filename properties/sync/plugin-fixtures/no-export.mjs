// A module that exports something, but not syncDirtyBitmap.
export function syncBitmap() {
  return 0;
}
