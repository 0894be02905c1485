// A plug-in that syncs nothing and returns a non-integer count.
export function syncDirtyBitmap() {
  return 0.5;
}
