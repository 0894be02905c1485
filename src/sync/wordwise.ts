/**
 * This project's optimized sync: a whole 32-page word per step for any misalignment between the
 * source (global) and destination (block-relative) bit positions, across DirtyMemoryBlock boundaries,
 * with one remote clear per call and a re-arm of the range whenever any source bit was cleared.
 *
 * Dest word `w` of `bmap` holds block pages `[32w, 32w + 32)`, which are global pages
 * `[offsetPage + 32w, ...)`: the high `32 - shift` bits of source word `w + wordDelta` followed by the
 * low `shift` bits of the next source word, where `shift = offsetPage % 32` and
 * `wordDelta = floor(offsetPage / 32)`. The walk goes first word / full words / last word over the
 * destination, as QEMU's `bitmap_*` helpers do.
 */
import { countOnes, lowMask, rangeMask } from '../bitmap/word.ts';
import type { DirtyMemory, RamBlock, SyncEffects, SyncImplementation } from './contract.ts';
import { withValidatedArguments } from './sync-arguments.ts';

/** Running totals of one sync: `bmap` bits newly set, and the OR of all harvested bits. */
interface Harvest {
  newlySet: number;
  harvested: number;
}

/**
 * The word-wise sync without argument checks.
 * @param mem - the global dirty bitmap
 * @param rb - the RAMBlock
 * @param startPage - first page, block-relative
 * @param npages - pages in the range
 * @param effects - receives one remote clear for the range, and one re-arm if any bit was harvested
 * @returns the number of `bmap` bits that went from 0 to 1
 */
export function wordwiseSyncUnchecked(mem: DirtyMemory, rb: RamBlock, startPage: number, npages: number, effects: SyncEffects): number {
  if (npages === 0) return 0;
  const end = startPage + npages;
  const firstWord = Math.floor(startPage / 32);
  const lastWord = Math.floor((end - 1) / 32);
  const headBits = startPage % 32;
  const tailBits = end % 32;
  const totals: Harvest = { newlySet: 0, harvested: 0 };

  if (firstWord === lastWord) {
    harvestPartialWord(mem, rb, firstWord, rangeMask(headBits, npages), totals);
  } else {
    const middleFirst = headBits === 0 ? firstWord : firstWord + 1;
    const middleLast = tailBits === 0 ? lastWord : lastWord - 1;
    if (headBits !== 0) harvestPartialWord(mem, rb, firstWord, ~lowMask(headBits) >>> 0, totals);
    if (middleFirst <= middleLast) {
      if (rb.offsetPage % 32 === 0) harvestAlignedWords(mem, rb, middleFirst, middleLast, totals);
      else harvestShiftedWords(mem, rb, middleFirst, middleLast, totals);
    }
    if (tailBits !== 0) harvestPartialWord(mem, rb, lastWord, lowMask(tailBits), totals);
  }

  effects.clearDirtyLog(startPage, npages);
  if (totals.harvested !== 0) effects.dirtyBitsCleared(rb.offsetPage + startPage, npages);
  return totals.newlySet;
}

/**
 * ORs harvested bits into dest word `w` and updates the totals. Used for the (at most two) partial
 * words; the full-word loops repeat these lines inline so that their totals stay in locals instead of
 * an object updated once per word.
 */
function merge(bmap: Uint32Array, w: number, bits: number, totals: Harvest): void {
  const old = bmap[w];
  bmap[w] = old | bits;
  totals.newlySet += countOnes(bits & ~old);
  totals.harvested |= bits;
}

/**
 * Harvests the bits of dest word `w` selected by `mask`, reading and clearing only the source words
 * that hold them; used for the first and last word of a range.
 */
function harvestPartialWord(mem: DirtyMemory, rb: RamBlock, w: number, mask: number, totals: Harvest): void {
  const wordsPerBlock = mem.blockPages / 32;
  const shift = rb.offsetPage % 32;
  const lowSource = w + Math.floor(rb.offsetPage / 32);
  let bits = 0;
  const lowPartMask = (mask << shift) >>> 0;
  if (lowPartMask !== 0) bits = takeSourceBits(mem.blocks, wordsPerBlock, lowSource, lowPartMask) >>> shift;
  if (shift !== 0) {
    const highPartMask = mask >>> (32 - shift);
    if (highPartMask !== 0) bits |= takeSourceBits(mem.blocks, wordsPerBlock, lowSource + 1, highPartMask) << (32 - shift);
  }
  if (bits !== 0) merge(rb.bmap, w, bits >>> 0, totals);
}

/** Clears the `mask` bits of global source word `sourceWord` and returns those that were set. */
function takeSourceBits(blocks: readonly Uint32Array[], wordsPerBlock: number, sourceWord: number, mask: number): number {
  const block = blocks[Math.floor(sourceWord / wordsPerBlock)];
  const index = sourceWord % wordsPerBlock;
  const taken = block[index] & mask;
  block[index] &= ~mask;
  return taken >>> 0;
}

/** Full dest words `[first, last]` when source and dest bits line up (`offsetPage % 32 === 0`). */
function harvestAlignedWords(mem: DirtyMemory, rb: RamBlock, first: number, last: number, totals: Harvest): void {
  const { blocks } = mem;
  const bmap = rb.bmap;
  const wordsPerBlock = mem.blockPages / 32;
  const sourceFirst = first + rb.offsetPage / 32;
  let blockIndex = Math.floor(sourceFirst / wordsPerBlock);
  let source = blocks[blockIndex];
  let index = sourceFirst % wordsPerBlock;
  let newlySet = 0;
  let harvested = 0;
  for (let w = first; w <= last; w++) {
    const bits = source[index];
    if (bits !== 0) {
      source[index] = 0;
      const old = bmap[w];
      bmap[w] = old | bits;
      newlySet += countOnes(bits & ~old);
      harvested |= bits;
    }
    // Crossing into the next DirtyMemoryBlock; past the range's end the lookup is never read.
    if (++index === wordsPerBlock) {
      source = blocks[++blockIndex];
      index = 0;
    }
  }
  totals.newlySet += newlySet;
  totals.harvested |= harvested;
}

/**
 * Full dest words `[first, last]` when source bits sit `shift` places above dest bits. Each source
 * word is read once and written once: its high part feeds dest word `w`, its low part dest `w - 1`.
 */
function harvestShiftedWords(mem: DirtyMemory, rb: RamBlock, first: number, last: number, totals: Harvest): void {
  const { blocks } = mem;
  const bmap = rb.bmap;
  const wordsPerBlock = mem.blockPages / 32;
  const shift = rb.offsetPage % 32;
  const up = 32 - shift;
  const lowPart = lowMask(shift);
  const sourceFirst = first + Math.floor(rb.offsetPage / 32);
  let blockIndex = Math.floor(sourceFirst / wordsPerBlock);
  let source = blocks[blockIndex];
  let index = sourceFirst % wordsPerBlock;
  let current = source[index];
  // The first source word's low part belongs to the dest word before `first`: already harvested by
  // the head, or outside the range. Either way it is kept as it is now.
  let keep = current & lowPart;
  let newlySet = 0;
  let harvested = 0;
  for (let w = first; w <= last; w++) {
    let nextSource = source;
    let nextIndex = index + 1;
    let nextBlockIndex = blockIndex;
    if (nextIndex === wordsPerBlock) {
      nextSource = blocks[++nextBlockIndex];
      nextIndex = 0;
    }
    const next = nextSource[nextIndex];
    const bits = ((current >>> shift) | (next << up)) >>> 0;
    source[index] = keep;
    keep = 0;
    if (bits !== 0) {
      const old = bmap[w];
      bmap[w] = old | bits;
      newlySet += countOnes(bits & ~old);
      harvested |= bits;
    }
    current = next;
    source = nextSource;
    index = nextIndex;
    blockIndex = nextBlockIndex;
  }
  // The last source word read: its low part is harvested, its high part belongs to the next dest word.
  source[index] = current & ~lowPart;
  totals.newlySet += newlySet;
  totals.harvested |= harvested;
}

/** The word-wise sync, with its arguments validated; throws TypeError or RangeError for bad arguments. */
export const wordwiseSync = withValidatedArguments('wordwise.syncDirtyBitmap', wordwiseSyncUnchecked);

/** The word-wise implementation as the suite holds it. */
export const wordwise: SyncImplementation = {
  name: 'wordwise',
  description: 'a word of pages per step for any misalignment; one remote clear per call; re-arms whenever a bit was cleared',
  syncDirtyBitmap: wordwiseSync,
};
