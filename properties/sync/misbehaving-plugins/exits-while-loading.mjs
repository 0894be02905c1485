// Misbehaving-plug-in kit: ends the process with exit code 0 while its module loads, before any
// check; the run must not read green, nor restart it once per check.
process.exit(0);

export function syncDirtyBitmap() {
  return 0;
}
