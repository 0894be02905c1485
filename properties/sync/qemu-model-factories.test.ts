/**
 * What `createQemuPrePatch` and `createQemuLanded` build, called at test time: the name a user picks
 * the implementation by (and which known findings are keyed on), its description, the prefix of its
 * argument errors, and that the built sync runs the misaligned path with the `clear_bmap` shift asked for.
 * The module-level `qemuPrePatch` / `qemuLanded` are built once at import, so only calls made here
 * exercise the factories with whatever code is current.
 */
import { describe, expect, test } from 'vitest';
import { allocateBitmap, testBit } from '../../src/bitmap/bitmap.ts';
import type { SyncImplementation } from '../../src/sync/contract.ts';
import { createEffectRecorder } from '../../src/sync/effect-recorder.ts';
import { createQemuLanded } from '../../src/sync/qemu-landed.ts';
import { createQemuPrePatch } from '../../src/sync/qemu-pre-patch.ts';

const factories: readonly [string, (shift?: number) => SyncImplementation, RegExp][] = [
  ['qemu-pre-patch', createQemuPrePatch, /^QEMU before e8a6d158: /],
  ['qemu-landed', createQemuLanded, /^QEMU after e8a6d158: /],
];

describe.each(factories)('%s factory', (baseName, create, describes) => {
  test('names the default model by its bare name and a model with a shift by name and shift', () => {
    expect(create().name).toBe(baseName);
    expect(create(7).name).toBe(`${baseName}(shift 7)`);
    expect(create(18).name).toBe(`${baseName}(shift 18)`);
  });

  test('describes which side of e8a6d158 it models', () => {
    expect(create().description).toMatch(describes);
    expect(create(9).description).toMatch(describes);
  });

  test('prefixes argument errors with the model name and the function', () => {
    const sync = create(7).syncDirtyBitmap;
    const mem = { blockPages: 64, blocks: [new Uint32Array(2)] };
    expect(() => sync(mem, { offsetPage: 0, pages: 64, bmap: allocateBitmap(64) }, 0, 1.5, createEffectRecorder().effects)).toThrow(
      new RangeError(`${baseName}(shift 7).syncDirtyBitmap: npages must be an integer, got 1.5`),
    );
    expect(() => create().syncDirtyBitmap(mem, { offsetPage: 0, pages: 64, bmap: allocateBitmap(64) }, -1, 1, createEffectRecorder().effects)).toThrow(
      new RangeError(`${baseName}.syncDirtyBitmap: startPage must be >= 0, got -1`),
    );
  });

  test('moves every dirty page of a misaligned range into bmap', () => {
    // Block at global page 3, all 128 source pages dirty, range pages 5..14: global pages 8..17.
    const mem = { blockPages: 64, blocks: [new Uint32Array(2).fill(0xffffffff), new Uint32Array(2).fill(0xffffffff)] };
    const rb = { offsetPage: 3, pages: 100, bmap: allocateBitmap(100) };
    expect(create(6).syncDirtyBitmap(mem, rb, 5, 10, createEffectRecorder().effects)).toBe(10);
    expect(Array.from(rb.bmap, (word) => word.toString(16))).toEqual(['7fe0', '0', '0', '0']);
    expect(mem.blocks[0][0].toString(16)).toBe('fffc00ff');
    expect(testBit(mem.blocks[0], 18)).toBe(true);
  });

  test('defers the remote clear in chunks of the shift it was built with', () => {
    // Aligned path over pages 64..127: chunk [start >> shift, + ceil(npages / 2^shift)) is pages 64..127
    // for 64-page chunks (shift 6) and pages 0..127 for 128-page chunks (shift 7).
    const deferrals = [6, 7].map((shift) => {
      const recorder = createEffectRecorder({ defer: true });
      const mem = { blockPages: 256, blocks: [new Uint32Array(8).fill(0xffffffff)] };
      create(shift).syncDirtyBitmap(mem, { offsetPage: 0, pages: 256, bmap: allocateBitmap(256) }, 64, 64, recorder.effects);
      return recorder.calls.filter((call) => call.kind === 'deferDirtyLogClear').map((call) => [call.startPage, call.npages]);
    });
    expect(deferrals).toEqual([[[64, 64]], [[0, 128]]]);
  });
});
