/**
 * Two RAMBlocks side by side, the first shorter than 64 pages so that both live in one bitmap word
 * (the layout of QEMU bug aa777e297c): synced one after the other, each `bmap` holds exactly its own
 * dirty pages and the returns add up to the bits newly set.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { allocateBitmap, countOnesInRange, testBit } from '../../src/bitmap/bitmap.ts';
import { property, propertySettings } from '../fast-check-property.ts';
import { bitmapWord } from '../../src/sync/case-arbitraries.ts';
import { createEffectRecorder } from '../../src/sync/effect-recorder.ts';
import type { SyncImplementation } from '../../src/sync/contract.ts';
import { BUILT_IN_IMPLEMENTATIONS } from '../../src/sync/implementations.ts';
import { HISTORICAL_BUGS } from './historical-bugs/variants.ts';

const RUNS = 100;

interface Layout {
  offsetLongs: number;
  firstPages: number;
  secondPages: number;
  source: number[];
}

const layout: fc.Arbitrary<Layout> = fc.record({
  offsetLongs: fc.nat(3),
  firstPages: fc.integer({ min: 1, max: 63 }),
  secondPages: fc.integer({ min: 1, max: 200 }),
  source: fc.array(bitmapWord, { minLength: 16, maxLength: 16 }),
});

/** Syncs both blocks whole and checks each bmap and return value; returns the first problem or null. */
function keepsPagesApart(implementation: SyncImplementation, { offsetLongs, firstPages, secondPages, source }: Layout): string | null {
  const mem = { blockPages: 512, blocks: [Uint32Array.from(source)] };
  const dirty = (page: number) => testBit(mem.blocks[0], page);
  const first = { offsetPage: 64 * offsetLongs, pages: firstPages, bmap: allocateBitmap(firstPages) };
  const second = { offsetPage: first.offsetPage + firstPages, pages: secondPages, bmap: allocateBitmap(secondPages) };
  const expected = [first, second].map((rb) => Array.from({ length: rb.pages }, (_, page) => dirty(rb.offsetPage + page)));
  const effects = createEffectRecorder().effects;
  const returned = [first, second].map((rb) => implementation.syncDirtyBitmap(mem, rb, 0, rb.pages, effects));
  for (const [index, rb] of [first, second].entries()) {
    const page = expected[index].findIndex((isDirty, p) => isDirty !== testBit(rb.bmap, p));
    if (page >= 0) return `block ${index + 1}: bmap bit ${page} is ${Number(testBit(rb.bmap, page))}, its source page was ${Number(expected[index][page])}`;
    const set = countOnesInRange(rb.bmap, 0, rb.bmap.length * 32);
    if (set !== returned[index]) return `block ${index + 1}: returned ${returned[index]} but ${set} bmap bits are set`;
  }
  return null;
}

describe('adjacent RAMBlocks', () => {
  for (const implementation of BUILT_IN_IMPLEMENTATIONS) {
    test(`${implementation.name} keeps each block's pages in its own bmap`, property([layout], (value) => {
      expect(keepsPagesApart(implementation, value)).toBeNull();
    }, RUNS));
  }

  test('the whole-word bug of aa777e297c (B3) mixes the blocks up', () => {
    const b3 = HISTORICAL_BUGS.find((bug) => bug.id === 'B3')!.implementation;
    const details = fc.check(fc.property(layout, (value) => keepsPagesApart(b3, value) === null), propertySettings(RUNS));
    expect(details.failed).toBe(true);
  });
});
