/**
 * Observation O3 (docs/qemu-background.md): `clear_bmap_set` marks `[start >> shift, + ceil(npages / 2^shift))`, which under-covers
 * a range that does not start on a chunk boundary. Harmless with QEMU's only caller (start 0); the laws
 * see it as soon as a range starts mid-chunk, which needs a chunk larger than a 64-page word.
 */
import { describe, expect, test } from 'vitest';
import { propertySettingsFromEnv } from '../../src/property-settings.ts';
import { CASE_FAMILIES } from '../../src/sync/case-families.ts';
import { checkLaw } from '../../src/sync/law-check.ts';
import { lawById } from '../../src/sync/laws/catalogue.ts';
import { allocateBitmap } from '../../src/bitmap/bitmap.ts';
import { createEffectRecorder } from '../../src/sync/effect-recorder.ts';
import { createQemuLanded } from '../../src/sync/qemu-landed.ts';
import { createQemuPrePatch } from '../../src/sync/qemu-pre-patch.ts';

const settings = propertySettingsFromEnv();
const alignedBlock = CASE_FAMILIES.find((family) => family.name === 'aligned-block')!;

describe('clear_bmap chunk size', () => {
  test('L6 holds with shift 6 on 64-page-aligned blocks, where every chunk is one 64-page word', () => {
    expect(checkLaw(createQemuLanded(6), lawById('L6'), alignedBlock, settings).counterexample).toBeUndefined();
  });

  test('L6 is broken with shift 7 by a range that starts inside a chunk (O3)', () => {
    const result = checkLaw(createQemuLanded(7), lawById('L6'), alignedBlock, { ...settings, numRuns: 10 * settings.numRuns });
    expect(result.counterexample?.violation).toMatch(/remote dirty log is neither cleared nor deferred/);
    const { startPage, npages } = result.counterexample!.syncCase;
    expect(startPage % 128).not.toBe(0);
    expect(Math.floor(startPage / 128) * 128 + Math.ceil(npages / 128) * 128).toBeLessThan(startPage + npages);
  });

  test('rejects a shift outside QEMU\'s 6..31', () => {
    expect(() => createQemuLanded(5)).toThrow('createQemuLanded: clearBitmapShift must be >= 6, got 5');
    expect(() => createQemuPrePatch(2.5)).toThrow('createQemuPrePatch: clearBitmapShift must be an integer, got 2.5');
  });

  test('without clear_bmap (no deferDirtyLogClear) the aligned path clears the whole range at once', () => {
    for (const implementation of [createQemuLanded(), createQemuPrePatch()]) {
      const recorder = createEffectRecorder({ defer: false });
      const blocks = [new Uint32Array(4).fill(0xffffffff)];
      implementation.syncDirtyBitmap({ blockPages: 128, blocks }, { offsetPage: 0, pages: 128, bmap: allocateBitmap(128) }, 64, 64, recorder.effects);
      expect(recorder.calls.filter((call) => call.kind !== 'dirtyBitsCleared')).toEqual([{ kind: 'clearDirtyLog', startPage: 64, npages: 64 }]);
      const empty = createEffectRecorder({ defer: false });
      implementation.syncDirtyBitmap({ blockPages: 128, blocks }, { offsetPage: 0, pages: 128, bmap: allocateBitmap(128) }, 64, 0, empty.effects);
      expect(empty.calls).toEqual([]);
    }
  });
});
