// A plug-in that fails on every call, to check the runner reports it instead of crashing.
export function syncDirtyBitmap() {
  throw new Error('not implemented yet');
}
