/**
 * Sync cases written by hand for the finding-cause tests: a layout in pages, the dirty source pages
 * and the pages already pending in `bmap`, so that each case's expected cause can be worked out on paper.
 */
import { expect } from 'vitest';
import { allocateBitmap, testAndSet } from '../../src/bitmap/bitmap.ts';
import type { SyncImplementation } from '../../src/sync/contract.ts';
import { lawById } from '../../src/sync/laws/catalogue.ts';
import type { LawId } from '../../src/sync/laws/law.ts';
import { observeSync, type SyncObservation } from '../../src/sync/observation.ts';
import type { SyncCase } from '../../src/sync/sync-case.ts';

/** A hand-written layout. */
export interface HandWrittenLayout {
  readonly blockPages: number;
  readonly blocks: number;
  readonly offsetPage: number;
  readonly pages: number;
  readonly startPage: number;
  readonly npages: number;
  /** Global pages dirty in the source. */
  readonly dirty: readonly number[];
  /** Block-relative pages already pending in bmap. */
  readonly pending: readonly number[];
  /** Where L9 splits the range (block-relative; default: `startPage`, an empty first half). */
  readonly splitPage?: number;
}

/**
 * Builds the case of a hand-written layout.
 * @param layout - the layout
 * @returns the case, in family `hand-written`
 */
export function handWrittenCase(layout: HandWrittenLayout): SyncCase {
  const source = Array.from({ length: layout.blocks }, () => allocateBitmap(layout.blockPages));
  for (const g of layout.dirty) testAndSet(source[Math.floor(g / layout.blockPages)], g % layout.blockPages);
  const bmap = allocateBitmap(Math.ceil(layout.pages / 64) * 64);
  for (const p of layout.pending) testAndSet(bmap, p);
  const { blockPages, offsetPage, pages, startPage, npages } = layout;
  return { family: 'hand-written', blockPages, source, offsetPage, pages, bmap, startPage, npages, splitPage: layout.splitPage ?? startPage };
}

/**
 * Runs an implementation on a hand-written case and asserts that it breaks the law there.
 * @param implementation - the sync under test
 * @param law - the law it must break
 * @param layout - the case
 * @returns the observation, a counterexample of the law
 */
export function observeBroken(implementation: SyncImplementation, law: LawId, layout: HandWrittenLayout): SyncObservation {
  const observation = observeSync(implementation, handWrittenCase(layout));
  expect(lawById(law).check(observation), `${implementation.name} should break ${law}`).not.toBeNull();
  return observation;
}
