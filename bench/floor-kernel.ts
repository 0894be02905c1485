/**
 * The floor kernel: the memory-bound limit of a sync. It makes one pass over exactly the words a
 * word-wise sync of the same range reads and writes (the source words that hold the range's global
 * pages, the `bmap` words that hold its block-relative pages) and does no per-bit work: no shift, no
 * popcount, no mask at the range's edges, no effects. Every source word is read and written (zeroed)
 * and every `bmap` word read, ORed and written, whether or not it holds a dirty bit, as a sync must
 * when it cannot know in advance which words are dirty.
 *
 * It is not a sync: it clears whole source words at the edges of the range, and it breaks every law of
 * docs/specification.md that needs per-bit work. The benchmarks restore the input after each call.
 */
import type { DirtyMemory, RamBlock } from '../src/sync/contract.ts';

/**
 * One read-and-write pass over the source and `bmap` words of a sync's range.
 * @param mem - the global dirty bitmap
 * @param rb - the RAMBlock
 * @param startPage - first page of the range, block-relative
 * @param npages - pages in the range (at least 1)
 * @returns the OR of the source words read, so the caller can consume the result
 */
export function floorPass(mem: DirtyMemory, rb: RamBlock, startPage: number, npages: number): number {
  const { blocks } = mem;
  const bmap = rb.bmap;
  const wordsPerBlock = mem.blockPages / 32;
  const firstWord = Math.floor(startPage / 32);
  const lastWord = Math.floor((startPage + npages - 1) / 32);
  let sourceWord = firstWord + Math.floor(rb.offsetPage / 32);
  let harvested = 0;
  // One inner loop per DirtyMemoryBlock, so the hot loop has no block-boundary test.
  for (let w = firstWord; w <= lastWord; ) {
    const source = blocks[Math.floor(sourceWord / wordsPerBlock)];
    let index = sourceWord % wordsPerBlock;
    const end = w + Math.min(lastWord - w + 1, wordsPerBlock - index);
    sourceWord += end - w;
    for (; w < end; w++, index++) {
      const bits = source[index];
      source[index] = 0;
      bmap[w] |= bits;
      harvested |= bits;
    }
  }
  // A shifted range's last dest word also holds bits of one more source word.
  const lastSourceWord = Math.floor((rb.offsetPage + startPage + npages - 1) / 32);
  if (sourceWord <= lastSourceWord) {
    const source = blocks[Math.floor(sourceWord / wordsPerBlock)];
    harvested |= source[sourceWord % wordsPerBlock];
    source[sourceWord % wordsPerBlock] = 0;
  }
  return harvested >>> 0;
}
