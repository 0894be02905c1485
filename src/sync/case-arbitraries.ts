/**
 * The fast-check arbitraries for sync cases. Values mix random numbers with word and block edges
 * (0, 1, 31, 32, 33, 63, 64, 65, blockPages ± 1) so every run hits the boundaries, and bitmap words
 * mix sparse, dense, all-zero, all-one and random words with both halves of each 64-bit word populated.
 */
import fc from 'fast-check';
import { allocateBitmap } from '../bitmap/bitmap.ts';
import type { SyncCase } from './sync-case.ts';

/** The word and block edges every integer arbitrary mixes in. */
export const EDGES: readonly number[] = [0, 1, 31, 32, 33, 63, 64, 65];

/**
 * An integer in `[0, max]` that is an edge value, an edge relative to `max`, or random.
 * @param max - the greatest value
 * @returns the arbitrary
 */
export function edgyNat(max: number): fc.Arbitrary<number> {
  const edges = [...EDGES, max - 65, max - 64, max - 63, max - 33, max - 32, max - 31, max - 1, max].filter((v) => v >= 0 && v <= max);
  return fc.oneof({ arbitrary: fc.constantFrom(...edges), weight: 1 }, { arbitrary: fc.nat(max), weight: 2 });
}

/** One 32-bit bitmap word: zero, all ones, one bit, all but one bit, or random. */
export const bitmapWord: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: fc.constant(0), weight: 3 },
  { arbitrary: fc.integer({ min: 0, max: 0xffffffff }), weight: 4 },
  { arbitrary: fc.nat(31).map((bit) => (1 << bit) >>> 0), weight: 2 },
  { arbitrary: fc.nat(31).map((bit) => ~(1 << bit) >>> 0), weight: 1 },
  { arbitrary: fc.constant(0xffffffff), weight: 1 },
);

/**
 * How a bitmap region is filled: words from a pattern (zero past its end), the pattern repeated, or
 * all ones. An empty pattern is all zeros, which is what shrinking heads for.
 */
export interface BitmapFill {
  /** `pattern`, `repeat` or `ones`. */
  readonly kind: 'pattern' | 'repeat' | 'ones';
  /** The words of the pattern. */
  readonly words: readonly number[];
}

/** A bitmap fill, shrinking towards few set bits. */
export const bitmapFill: fc.Arbitrary<BitmapFill> = fc.record({
  kind: fc.constantFrom('pattern' as const, 'repeat' as const, 'ones' as const),
  words: fc.array(bitmapWord, { maxLength: 24 }),
});

/**
 * The word at position `index` of a filled region.
 * @param fill - the fill
 * @param index - the word's position in the region
 * @returns the word
 */
export function fillWord(fill: BitmapFill, index: number): number {
  if (fill.kind === 'ones') return 0xffffffff;
  if (fill.words.length === 0) return 0;
  if (fill.kind === 'repeat') return fill.words[index % fill.words.length];
  return fill.words[index] ?? 0;
}

/** The layout of a case before its bitmaps are filled. */
export interface CaseLayout {
  /** Pages per DirtyMemoryBlock. */
  readonly blockPages: number;
  /** The RAMBlock's global first page. */
  readonly offsetPage: number;
  /** The RAMBlock's used length. */
  readonly pages: number;
  /** First page of the range, block-relative. */
  readonly startPage: number;
  /** Pages in the range. */
  readonly npages: number;
  /** Where L9 splits the range: pages after `startPage`, clamped to `npages`. */
  readonly splitAfter: number;
  /** Pages of an adjacent RAMBlock right after this one, if the family models one. */
  readonly neighbourPages?: number;
  /**
   * Whether the last RAMBlock (this one, or its neighbour) is the last in memory: the DirtyMemoryBlocks
   * stop at the one holding its last page, as QEMU allocates them, so a read or write past the end of
   * that block finds nothing. Otherwise at least 64 spare pages follow it.
   */
  readonly endsMemory?: boolean;
}

/**
 * Builds a case from a layout and two fills. The source is filled over the RAMBlock's words plus two
 * words either side (the neighbours that share its words, where memory has them) and zero elsewhere; `bmap` over its whole
 * allocation, with `bmapSlackWords` extra 64-bit words so that writes past `pages` are seen.
 * @param family - the family name
 * @param layout - the layout
 * @param sourceFill - fill of the source around the RAMBlock
 * @param bmapFill - fill of `bmap`
 * @param bmapSlackLongs - extra 64-bit words allocated past `pages`
 * @returns the case
 */
export function buildCase(family: string, layout: CaseLayout, sourceFill: BitmapFill, bmapFill: BitmapFill, bmapSlackLongs: number): SyncCase {
  const { blockPages, offsetPage, pages } = layout;
  const end = offsetPage + pages + (layout.neighbourPages ?? 0);
  const blockCount = layout.endsMemory
    ? Math.max(Math.ceil(end / blockPages), Math.floor(offsetPage / blockPages) + 1)
    : Math.floor((end + 64) / blockPages) + 1;
  const source = Array.from({ length: blockCount }, () => new Uint32Array(blockPages / 32));
  const wordsPerBlock = blockPages / 32;
  const firstWord = Math.max(0, Math.floor(offsetPage / 32) - 2);
  const lastWord = Math.min(blockCount * wordsPerBlock - 1, Math.ceil(end / 32) + 1);
  for (let word = firstWord; word <= lastWord; word++) {
    source[Math.floor(word / wordsPerBlock)][word % wordsPerBlock] = fillWord(sourceFill, word - firstWord);
  }
  const bmap = allocateBitmap(pages + 64 * bmapSlackLongs);
  for (let index = 0; index < bmap.length; index++) bmap[index] = fillWord(bmapFill, index);
  const npages = layout.npages;
  return {
    family,
    blockPages,
    source,
    offsetPage,
    pages,
    bmap,
    startPage: layout.startPage,
    npages,
    splitPage: layout.startPage + Math.min(layout.splitAfter, npages),
    ...(layout.neighbourPages === undefined ? {} : { neighbourPages: layout.neighbourPages }),
  };
}

/**
 * The arbitrary of cases over a layout arbitrary.
 * @param family - the family name
 * @param layout - the layouts
 * @returns cases with random fills of source and `bmap`
 */
export function casesOver(family: string, layout: fc.Arbitrary<CaseLayout>): fc.Arbitrary<SyncCase> {
  return fc
    .record({ layout, sourceFill: bitmapFill, bmapFill: bitmapFill, bmapSlackLongs: fc.constantFrom(0, 1) })
    .map(({ layout: l, sourceFill, bmapFill: bf, bmapSlackLongs }) => buildCase(family, l, sourceFill, bf, bmapSlackLongs));
}
