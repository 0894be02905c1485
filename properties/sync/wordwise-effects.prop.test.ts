/**
 * The word-wise sync's effects, exactly: one remote clear of the range, and a re-arm of the range iff
 * some source page in it was dirty. The laws accept a spurious re-arm (it only costs a TCG flush), so
 * they cannot tell an implementation that re-arms every time from this one; its description promises
 * the re-arm only when a bit was cleared.
 */
import { describe, expect, test } from 'vitest';
import { CASE_FAMILIES } from '../../src/sync/case-families.ts';
import { createEffectRecorder } from '../../src/sync/effect-recorder.ts';
import { materialize, sourceBit } from '../../src/sync/sync-case.ts';
import { wordwise } from '../../src/sync/wordwise.ts';
import { property } from '../fast-check-property.ts';

const anyRange = CASE_FAMILIES.find((family) => family.name === 'any-range')!;

describe('wordwise effects', () => {
  test('a range with no dirty page is cleared remotely and not re-armed, at any alignment', () => {
    for (const [offsetPage, startPage, npages] of [[0, 0, 64], [0, 5, 90], [3, 0, 61], [3, 29, 70], [40, 1, 3]]) {
      const mem = { blockPages: 64, blocks: [new Uint32Array(2), new Uint32Array(2)] };
      const bmap = new Uint32Array(4).fill(0x0f0f0f0f);
      const recorder = createEffectRecorder();
      expect(wordwise.syncDirtyBitmap(mem, { offsetPage, pages: 128 - offsetPage, bmap }, startPage, npages, recorder.effects)).toBe(0);
      expect(recorder.calls).toEqual([{ kind: 'clearDirtyLog', startPage, npages }]);
      expect(Array.from(bmap)).toEqual([0x0f0f0f0f, 0x0f0f0f0f, 0x0f0f0f0f, 0x0f0f0f0f]);
    }
  });

  test('one remote clear of the range, and a re-arm of the range iff a page in it was dirty', property([anyRange.arbitrary], (c) => {
    const { mem, rb } = materialize(c);
    const before = materialize(c).mem;
    let anyDirty = false;
    for (let page = c.startPage; page < c.startPage + c.npages; page++) anyDirty ||= sourceBit(before, c.offsetPage + page);
    const recorder = createEffectRecorder();
    wordwise.syncDirtyBitmap(mem, rb, c.startPage, c.npages, recorder.effects);
    const expected = c.npages === 0 ? [] : [
      { kind: 'clearDirtyLog', startPage: c.startPage, npages: c.npages },
      ...(anyDirty ? [{ kind: 'dirtyBitsCleared', startPage: c.offsetPage + c.startPage, npages: c.npages }] : []),
    ];
    expect(recorder.calls).toEqual(expected);
  }, 60));
});
