// The correct sync every misbehaving plug-in of this kit starts from, so that each fails only by its
// misbehaviour: the README's bit-by-bit example, which passes every law.
export { syncDirtyBitmap as correctSync } from '../../../examples/plugins/bit-by-bit.mjs';
