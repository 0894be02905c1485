/**
 * The QEMU models' `physical_memory_test_and_clear_dirty` called on many pages at once. The models'
 * syncs call it one page at a time, so a range that crosses a DirtyMemoryBlock boundary is only
 * exercised here: each page of the range is compared, bit by bit, with its state before the call.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { testBit } from '../../src/bitmap/bitmap.ts';
import { buildCase, bitmapFill } from '../../src/sync/case-arbitraries.ts';
import { createEffectRecorder } from '../../src/sync/effect-recorder.ts';
import { testAndClearDirtyLanded, testAndClearDirtyPrePatch } from '../../src/sync/qemu/test-and-clear-dirty.ts';
import { materialize, sourceBit } from '../../src/sync/sync-case.ts';
import { property } from '../fast-check-property.ts';

/** A RAMBlock over two or three 64- or 128-page blocks and a range in it that crosses a block boundary. */
const crossingCase = fc
  .record({ blockLongs: fc.constantFrom(1, 2), offset: fc.nat(63), before: fc.integer({ min: 1, max: 130 }), after: fc.integer({ min: 1, max: 130 }), source: bitmapFill, bmap: bitmapFill })
  .map(({ blockLongs, offset, before, after, source, bmap }) => {
    const blockPages = 64 * blockLongs;
    const boundary = 2 * blockPages;
    const startGlobal = Math.max(offset, boundary - before);
    const layout = { blockPages, offsetPage: offset, pages: boundary + after - offset, startPage: startGlobal - offset, npages: boundary + after - startGlobal, splitAfter: 0 };
    return buildCase('test-and-clear', layout, source, bmap, 0);
  });

describe('test-and-clear across a DirtyMemoryBlock boundary', () => {
  test('before the patch: clears exactly the range, says whether any page was dirty, clears the remote log once and re-arms iff dirty', property([crossingCase], (c) => {
    const { mem, rb } = materialize(c);
    const recorder = createEffectRecorder();
    const start = c.offsetPage + c.startPage;
    const dirty = testAndClearDirtyPrePatch(mem, rb, start, c.npages, recorder.effects);
    const before = materialize(c).mem;
    let anyDirty = false;
    const wrongPages: number[] = [];
    for (let page = 0; page < c.source.length * c.blockPages; page++) {
      const inRange = page >= start && page < start + c.npages;
      const was = sourceBit(before, page);
      anyDirty ||= inRange && was;
      if (sourceBit(mem, page) !== (inRange ? false : was)) wrongPages.push(page);
    }
    expect(wrongPages).toEqual([]);
    expect(dirty).toBe(anyDirty);
    const calls = recorder.calls.map((call) => [call.kind, call.startPage, call.npages]);
    expect(calls).toEqual([['clearDirtyLog', c.startPage, c.npages], ...(anyDirty ? [['dirtyBitsCleared', start, c.npages]] : [])]);
  }, 60));

  test('after the patch: moves every dirty page of the range into bmap and counts the new ones', property([crossingCase], (c) => {
    const { mem, rb } = materialize(c);
    const recorder = createEffectRecorder();
    const start = c.offsetPage + c.startPage;
    const counted = testAndClearDirtyLanded(mem, rb, start, c.npages, recorder.effects);
    const before = materialize(c);
    let newlySet = 0;
    const wrong: string[] = [];
    for (let page = 0; page < c.pages; page++) {
      const inRange = page >= c.startPage && page < c.startPage + c.npages;
      const harvested = inRange && sourceBit(before.mem, c.offsetPage + page);
      if (harvested && !testBit(before.rb.bmap, page)) newlySet++;
      if (sourceBit(mem, c.offsetPage + page) !== (inRange ? false : sourceBit(before.mem, c.offsetPage + page))) wrong.push(`source page ${c.offsetPage + page}`);
      if (testBit(rb.bmap, page) !== (testBit(before.rb.bmap, page) || harvested)) wrong.push(`bmap bit ${page}`);
    }
    expect(wrong).toEqual([]);
    expect(counted).toBe(newlySet);
  }, 60));

  test('an empty range is clean and asks for no remote clear, before the patch as after', () => {
    for (const offsetPage of [0, 5]) {
      const mem = { blockPages: 64, blocks: [new Uint32Array(2).fill(0xffffffff)] };
      const rb = { offsetPage, pages: 64 - offsetPage, bmap: new Uint32Array(2) };
      const recorder = createEffectRecorder();
      expect(testAndClearDirtyPrePatch(mem, rb, offsetPage + 7, 0, recorder.effects)).toBe(false);
      expect(testAndClearDirtyLanded(mem, rb, offsetPage + 7, 0, recorder.effects)).toBe(0);
      expect(recorder.calls).toEqual([]);
      expect(Array.from(mem.blocks[0])).toEqual([0xffffffff, 0xffffffff]);
      expect(Array.from(rb.bmap)).toEqual([0, 0]);
    }
  });
});
