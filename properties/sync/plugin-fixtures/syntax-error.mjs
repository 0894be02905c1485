// A module that does not parse.
export function syncDirtyBitmap( {
