/**
 * The exhaustive small space, in the manner of Linux's `lib/test_bitmap.c` next to fast-check's
 * random search: every RAMBlock offset within a 64-page word, every range start within a word and
 * every length 0..130, over DirtyMemoryBlocks of 64 and 128 pages and fixed bitmap patterns, each
 * case checked against every law for every implementation.
 *
 * Layout of a case: the RAMBlock starts `offsetMod` pages into the second DirtyMemoryBlock, the range
 * starts `startMod` pages into the RAMBlock and runs to its end, and memory ends with the RAMBlock's
 * DirtyMemoryBlock; long ranges cross into the third block.
 */
import { buildCase, type BitmapFill } from '../../../src/sync/case-arbitraries.ts';
import type { SyncImplementation } from '../../../src/sync/contract.ts';
import { selectQemuPath } from '../../../src/sync/qemu/path-selection.ts';
import { LAWS } from '../../../src/sync/laws/catalogue.ts';
import type { LawId } from '../../../src/sync/laws/law.ts';
import { observeSync } from '../../../src/sync/observation.ts';
import { materialize, type SyncCase } from '../../../src/sync/sync-case.ts';

/** A fixed pair of fills: the source bitmap around the RAMBlock and its `bmap`. */
export interface BitmapPattern {
  readonly name: string;
  readonly source: BitmapFill;
  readonly bmap: BitmapFill;
}

/** A fixed pseudo-random word sequence (a 32-bit LCG), the same on every run. */
function fixedRandomWords(seed: number, count: number): number[] {
  const words: number[] = [];
  let state = seed >>> 0;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    words.push(state);
  }
  return words;
}

/** The patterns: all ones, alternating, one bit at each word edge, and a fixed random set. */
export const BITMAP_PATTERNS: readonly BitmapPattern[] = [
  { name: 'all ones', source: { kind: 'ones', words: [] }, bmap: { kind: 'pattern', words: [] } },
  { name: 'alternating', source: { kind: 'repeat', words: [0x55555555] }, bmap: { kind: 'repeat', words: [0xaaaaaaaa, 0x55555555] } },
  // Bits 0 and 31 of every 32-bit word are bits 0, 31, 32 and 63 of every 64-bit word; bmap all ones,
  // so every harvested page is already pending.
  { name: 'word edges', source: { kind: 'repeat', words: [0x80000001] }, bmap: { kind: 'ones', words: [] } },
  { name: 'fixed random', source: { kind: 'repeat', words: fixedRandomWords(20251215, 23) }, bmap: { kind: 'repeat', words: fixedRandomWords(1215, 7) } },
];

/** Which values of each dimension a run covers. */
export interface SpaceDimensions {
  readonly offsetMods: readonly number[];
  readonly startMods: readonly number[];
  readonly lengths: readonly number[];
  readonly blockPages: readonly number[];
  readonly patterns: readonly BitmapPattern[];
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The whole space: 64 × 64 × 131 layouts per block size and pattern. */
export const FULL_SPACE: SpaceDimensions = { offsetMods: range(0, 63), startMods: range(0, 63), lengths: range(0, 130), blockPages: [64, 128], patterns: BITMAP_PATTERNS };

/** The cut-down space `npm test` runs: offsets at the 32-bit and 64-bit word edges, starts and lengths at a few, every block size and pattern. */
export const EDGE_SPACE: SpaceDimensions = { offsetMods: [0, 1, 31, 32, 33, 63], startMods: [0, 31, 32, 63], lengths: [0, 1, 32, 63, 64, 65, 128, 130], blockPages: [64, 128], patterns: BITMAP_PATTERNS };

/**
 * Counts the cases of a space.
 * @param space - the dimensions
 * @returns the number of cases
 */
export function caseCount(space: SpaceDimensions): number {
  return space.offsetMods.length * space.startMods.length * space.lengths.length * space.blockPages.length * space.patterns.length;
}

/**
 * Builds one case of the space.
 * @returns the case
 */
export function spaceCase(blockPages: number, pattern: BitmapPattern, offsetMod: number, startMod: number, npages: number): SyncCase {
  const layout = { blockPages, offsetPage: blockPages + offsetMod, pages: startMod + npages, startPage: startMod, npages, splitAfter: npages >>> 1, endsMemory: true };
  return buildCase(`exhaustive ${pattern.name}`, layout, pattern.source, pattern.bmap, 0);
}

/**
 * Whether the QEMU models take their aligned path with a RAMBlock offset that is not word-aligned,
 * on the whole range or (for L9) on either part of the split.
 */
function alignedPathUnalignedOffset(c: SyncCase, law: LawId): boolean {
  const ranges: [number, number][] = [[c.startPage, c.npages]];
  if (law === 'L9') ranges.push([c.startPage, c.splitPage - c.startPage], [c.splitPage, c.startPage + c.npages - c.splitPage]);
  return c.offsetPage % 64 !== 0 && ranges.some(([start, npages]) => selectQemuPath(c.offsetPage, start, npages) === 'aligned');
}

/** One law broken by one implementation on one case, with the first such case. */
export interface SpaceViolation {
  readonly implementation: string;
  readonly law: LawId;
  readonly cases: number;
  readonly first: { readonly syncCase: SyncCase; readonly message: string };
}

/** A violation found where its finding's condition does not hold (a bug no known finding explains). */
export interface UnexplainedViolation {
  readonly implementation: string;
  readonly law: LawId;
  readonly layout: string;
  readonly message: string;
}

/**
 * Whether a known finding explains a violation on a case: the aligned path with a misaligned offset
 * (L1, L2, L5, L9 in both QEMU models), the aligned path's re-arm (L7 in both), or, after the patch,
 * a re-arm gated on the newly-set count (L7 on any path).
 * @returns true when the violation is a known finding on this case
 */
export function explainedByFinding(implementation: string, law: LawId, c: SyncCase): boolean {
  if (implementation !== 'qemu-pre-patch' && implementation !== 'qemu-landed') return false;
  if (law === 'L7') return implementation === 'qemu-landed' || selectQemuPath(c.offsetPage, c.startPage, c.npages) === 'aligned';
  return ['L1', 'L2', 'L5', 'L9'].includes(law) && alignedPathUnalignedOffset(c, law);
}

/** What a run over a space found. */
export interface SpaceResult {
  readonly cases: number;
  readonly checks: number;
  readonly violations: readonly SpaceViolation[];
  readonly unexplained: readonly UnexplainedViolation[];
}

const describeLayout = (c: SyncCase) => `blockPages ${c.blockPages}, rb.offsetPage ${c.offsetPage}, rb.pages ${c.pages}; range startPage ${c.startPage} npages ${c.npages}; ${c.family}`;

/**
 * Runs every law for every implementation over every case of a space.
 * @param implementations - the implementations
 * @param space - the dimensions
 * @returns counts, the violations per (implementation, law) and any the known findings do not explain
 */
export function runSpace(implementations: readonly SyncImplementation[], space: SpaceDimensions): SpaceResult {
  const found = new Map<string, { implementation: string; law: LawId; cases: number; first: { syncCase: SyncCase; message: string } }>();
  const unexplained: UnexplainedViolation[] = [];
  let cases = 0;
  let checks = 0;
  for (const blockPages of space.blockPages) {
    for (const pattern of space.patterns) {
      for (const offsetMod of space.offsetMods) {
        for (const startMod of space.startMods) {
          for (const npages of space.lengths) {
            const syncCase = spaceCase(blockPages, pattern, offsetMod, startMod, npages);
            cases++;
            const before = materialize(syncCase);
            for (const implementation of implementations) {
              const observation = observeSync(implementation, syncCase, before);
              for (const law of LAWS) {
                if (law.appliesTo !== undefined && !law.appliesTo(syncCase)) continue;
                // L1 compares with the reference, so on the reference itself it cannot fail.
                if (law.id === 'L1' && implementation.name === 'reference') continue;
                checks++;
                const message = law.check(observation);
                if (message === null) continue;
                const key = `${implementation.name} ${law.id}`;
                const entry = found.get(key);
                if (entry === undefined) found.set(key, { implementation: implementation.name, law: law.id, cases: 1, first: { syncCase, message } });
                else entry.cases++;
                if (!explainedByFinding(implementation.name, law.id, syncCase) && unexplained.length < 20) {
                  unexplained.push({ implementation: implementation.name, law: law.id, layout: describeLayout(syncCase), message });
                }
              }
            }
          }
        }
      }
    }
  }
  return { cases, checks, violations: [...found.values()], unexplained };
}
