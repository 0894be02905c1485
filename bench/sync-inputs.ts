/**
 * Inputs for the sync benchmarks: a RAMBlock of `pages` pages whose dirty pages are drawn from a fixed
 * seed, placed in QEMU-sized DirtyMemoryBlocks either aligned or misaligned, with pristine copies so
 * every timed sync can start from the same state.
 *
 * The dirty-page pattern depends only on the seed, the size and the density, never on the alignment:
 * the aligned and misaligned inputs of a size and density hold the same dirty pages, placed at a
 * different global offset, so their timings compare like with like.
 */
import { allocateBitmap } from '../src/bitmap/bitmap.ts';
import type { DirtyMemory, RamBlock } from '../src/sync/contract.ts';
import { createMulberry32, deriveSeed } from './seeded-random.ts';

/** QEMU's `DIRTY_MEMORY_BLOCK_SIZE`: pages per DirtyMemoryBlock. */
export const QEMU_BLOCK_PAGES = 2 ** 21;

/**
 * Where the synced range sits: `aligned` is QEMU's fast case (global start and length multiples of
 * 64); `misaligned` starts off a 64-page boundary and has a length that is not a multiple of 64.
 */
export type Alignment = 'aligned' | 'misaligned';

/** How the misaligned inputs are placed, drawn once from the seed. */
export interface Misalignment {
  /** The RAMBlock's global first page, 1..63 and never 32, so source and `bmap` bits are shifted against each other. */
  readonly offsetPages: number;
  /** Pages left out at the end of the range, 1..63, so its length is not a multiple of 64. */
  readonly trimPages: number;
}

/**
 * Draws the misalignment from a seed. An offset of 32 is redrawn: it would put source and `bmap`
 * bits in the same place within each 32-bit word, letting `wordwise` take its unshifted loop, and the
 * misaligned case is meant to measure the shifted one.
 * @param seed - the base seed
 * @returns the offset and the trim, in pages
 */
export function chooseMisalignment(seed: number): Misalignment {
  const next = createMulberry32(deriveSeed(seed, 0x6d15));
  let offsetPages = 32;
  while (offsetPages % 32 === 0) offsetPages = 1 + (next() % 63);
  const trimPages = 1 + (next() % 63);
  return { offsetPages, trimPages };
}

/** Everything that names one benchmark input. */
export interface SyncInputSpec {
  /** Pages in the RAMBlock (a multiple of 64). */
  readonly pages: number;
  /** Chance that a page is dirty, in percent (0..100]. */
  readonly densityPercent: number;
  /** Aligned or misaligned placement. */
  readonly alignment: Alignment;
  /** Pages per DirtyMemoryBlock. */
  readonly blockPages: number;
  /** The base seed. */
  readonly seed: number;
  /** The placement used when `alignment` is `misaligned`. */
  readonly misalignment: Misalignment;
}

/** One benchmark input: the arguments of a sync call, and a way back to the state before it. */
export interface SyncInput {
  /** What the input was built from. */
  readonly spec: SyncInputSpec;
  /** The global dirty bitmap. */
  readonly mem: DirtyMemory;
  /** The RAMBlock; its `bmap` starts all zeros. */
  readonly rb: RamBlock;
  /** First page of the synced range, block-relative. */
  readonly startPage: number;
  /** Pages in the synced range. */
  readonly npages: number;
  /** Dirty pages in the synced range: what a correct sync returns, since `bmap` starts empty. */
  readonly dirtyPagesInRange: number;
  /** Copies the pristine source blocks and `bmap` back over the working ones. */
  restore(): void;
}

/**
 * Builds an input and touches every byte of it, so no page fault or lazy zeroing lands in a timed sync.
 * `bmap` starts all zeros, the steady state of a migration in which every page was sent since the last
 * sync: every harvested bit is newly set, so the count is exercised on every dirty page.
 * @param spec - what to build
 * @returns the input, already restored once
 */
export function buildSyncInput(spec: SyncInputSpec): SyncInput {
  const aligned = spec.alignment === 'aligned';
  const offsetPage = aligned ? 0 : spec.misalignment.offsetPages;
  const npages = aligned ? spec.pages : spec.pages - spec.misalignment.trimPages;
  const { pattern, dirtyPagesBefore } = drawDirtyPages(spec, npages);
  const blockCount = Math.ceil((offsetPage + spec.pages) / spec.blockPages);
  const pristineBlocks = Array.from({ length: blockCount }, () => allocateBitmap(spec.blockPages));
  placePattern(pattern, pristineBlocks, spec.blockPages, offsetPage);
  const pristineBmap = allocateBitmap(spec.pages);

  const blocks = pristineBlocks.map((block) => new Uint32Array(block.length));
  const bmap = new Uint32Array(pristineBmap.length);
  const restore = (): void => {
    for (let i = 0; i < blocks.length; i++) blocks[i].set(pristineBlocks[i]);
    bmap.set(pristineBmap);
  };
  restore();
  return {
    spec,
    mem: { blockPages: spec.blockPages, blocks },
    rb: { offsetPage, pages: spec.pages, bmap },
    startPage: 0,
    npages,
    dirtyPagesInRange: dirtyPagesBefore,
    restore,
  };
}

/**
 * Each page of the RAMBlock dirty with probability `densityPercent / 100`, from the seed, and the count
 * of dirty pages below `rangeEndPage`. The count is kept here rather than taken with the bitmap
 * helpers: calling those would give V8 type feedback for the word helpers the syncs share, which changes
 * how fast the syncs run (see docs/benchmarks.md).
 */
function drawDirtyPages(spec: SyncInputSpec, rangeEndPage: number): { pattern: Uint32Array; dirtyPagesBefore: number } {
  const pattern = allocateBitmap(spec.pages);
  let dirtyPagesBefore = 0;
  const densityPpm = Math.round(spec.densityPercent * 10_000);
  const next = createMulberry32(deriveSeed(spec.seed, spec.pages, densityPpm));
  // A page is dirty when a uniform 32-bit draw falls below the threshold; 100 % is 2^32, always.
  const threshold = (densityPpm / 1_000_000) * 2 ** 32;
  for (let page = 0; page < spec.pages; page++) {
    if (next() < threshold) {
      pattern[page >>> 5] |= 1 << (page & 31);
      if (page < rangeEndPage) dirtyPagesBefore++;
    }
  }
  return { pattern, dirtyPagesBefore };
}

/** ORs RAMBlock page `p` of `pattern` into global page `offsetPage + p` of the blocks. */
function placePattern(pattern: Uint32Array, blocks: Uint32Array[], blockPages: number, offsetPage: number): void {
  const wordsPerBlock = blockPages / 32;
  const shift = offsetPage & 31;
  const put = (globalWord: number, bits: number): void => {
    if (bits !== 0) blocks[Math.floor(globalWord / wordsPerBlock)][globalWord % wordsPerBlock] |= bits;
  };
  for (let w = 0; w < pattern.length; w++) {
    const globalWord = (offsetPage >>> 5) + w;
    put(globalWord, (pattern[w] << shift) >>> 0);
    // A shift of 0 must not take the high part: `>>> 32` is `>>> 0` in JavaScript.
    if (shift !== 0) put(globalWord + 1, pattern[w] >>> (32 - shift));
  }
}
