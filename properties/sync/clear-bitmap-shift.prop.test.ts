/**
 * QEMU-NOTES O3: `clear_bmap_set` marks `[start >> shift, + ceil(npages / 2^shift))`, which under-covers
 * a range that does not start on a chunk boundary. Harmless with QEMU's only caller (start 0); the laws
 * see it as soon as a range starts mid-chunk, which needs a chunk larger than a 64-page word.
 */
import { describe, expect, test } from 'vitest';
import { propertySettingsFromEnv } from '../../src/property-settings.ts';
import { CASE_FAMILIES } from '../../src/sync/case-families.ts';
import { checkLaw } from '../../src/sync/law-check.ts';
import { lawById } from '../../src/sync/laws/catalogue.ts';
import { createQemuLanded } from '../../src/sync/qemu-landed.ts';

const settings = propertySettingsFromEnv();
const alignedBlock = CASE_FAMILIES.find((family) => family.name === 'aligned-block')!;

describe('clear_bmap chunk size', () => {
  test('L6 holds with shift 6, where every chunk is one 64-page word', () => {
    expect(checkLaw(createQemuLanded(6), lawById('L6'), alignedBlock, settings).counterexample).toBeUndefined();
  });

  test('L6 is broken with shift 7 by a range that starts inside a chunk (O3)', () => {
    const result = checkLaw(createQemuLanded(7), lawById('L6'), alignedBlock, { ...settings, numRuns: 10 * settings.numRuns });
    expect(result.counterexample?.violation).toMatch(/remote dirty log is neither cleared nor deferred/);
    const { startPage, npages } = result.counterexample!.syncCase;
    expect(startPage % 128).not.toBe(0);
    expect(Math.floor(startPage / 128) * 128 + Math.ceil(npages / 128) * 128).toBeLessThan(startPage + npages);
  });
});
