/**
 * QEMU's choice between the aligned (word-swap) and misaligned (per-page) sync paths.
 */

/** Which of QEMU's two sync paths a call takes. */
export type QemuSyncPath = 'aligned' | 'misaligned';

/**
 * Chooses the path as QEMU has since 2018: aligned iff the global start page and the length are both
 * multiples of 64 pages (one 64-bit bitmap word).
 * @param offsetPage - the RAMBlock's global first page
 * @param startPage - first page of the range, block-relative
 * @param npages - pages in the range
 * @returns the path taken
 */
export function selectQemuPath(offsetPage: number, startPage: number, npages: number): QemuSyncPath {
  return (offsetPage + startPage) % 64 === 0 && npages % 64 === 0 ? 'aligned' : 'misaligned';
}
