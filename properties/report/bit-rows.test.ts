/**
 * Counterexample drawings include the bits that break the law, wherever they are: every page whose
 * bit the sync changed, or left different from the reference, is a drawn column.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { testBit } from '../../src/bitmap/bitmap.ts';
import { bitRowsSvg, columnsToDraw, referenceAfter } from '../../src/report/bit-rows.ts';
import { CASE_FAMILIES } from '../../src/sync/case-families.ts';
import { observeSync } from '../../src/sync/observation.ts';
import { qemuLanded } from '../../src/sync/qemu-landed.ts';
import { qemuPrePatch } from '../../src/sync/qemu-pre-patch.ts';
import { sourceBit } from '../../src/sync/sync-case.ts';
import { property } from '../fast-check-property.ts';

/** Global pages whose source or bmap bit differs between two states, found bit by bit. */
function differing(a: { mem: { blocks: readonly Uint32Array[]; blockPages: number }; rb: { bmap: Uint32Array } }, b: typeof a, offsetPage: number): number[] {
  const pages: number[] = [];
  const total = a.mem.blocks.length * a.mem.blockPages;
  for (let g = 0; g < total; g++) if (sourceBit(a.mem, g) !== sourceBit(b.mem, g)) pages.push(g);
  for (let p = 0; p < a.rb.bmap.length * 32; p++) if (testBit(a.rb.bmap, p) !== testBit(b.rb.bmap, p)) pages.push(offsetPage + p);
  return pages;
}

const unalignedBlock = CASE_FAMILIES.find((f) => f.name === 'unaligned-block')!;
const anyRange = CASE_FAMILIES.find((f) => f.name === 'any-range')!;

describe('bitRowsSvg', () => {
  test.each([['unaligned-block', unalignedBlock], ['any-range', anyRange]] as const)('draws every changed or wrong bit of a QEMU model on %s', (_, family) =>
    property([family.arbitrary, fc.constantFrom(qemuLanded, qemuPrePatch)], (syncCase, implementation) => {
      const observation = observeSync(implementation, syncCase);
      const drawn = new Set(columnsToDraw(observation, referenceAfter(observation)));
      const after = observation.whole.after;
      for (const page of [...differing(observation.before, after, syncCase.offsetPage), ...differing(referenceAfter(observation), after, syncCase.offsetPage)]) {
        expect(drawn.has(page), `global page ${page} changed or wrong but not drawn`).toBe(true);
      }
    }, 30)(),
  );

  test('the destination-cursor counterexample shows its wrongly set bmap bits, 63 pages before the range', () => {
    const observation = observeSync(qemuLanded, {
      family: 'hand-written', blockPages: 128, source: [new Uint32Array([0, 0, 0xff, 0])], offsetPage: 1, pages: 127,
      bmap: new Uint32Array(4), startPage: 63, npages: 64, splitPage: 63,
    });
    // Source pages 64..71 are ORed into bmap word 0, block-relative pages 0..7: global pages 1..8.
    const columns = columnsToDraw(observation, referenceAfter(observation));
    for (let g = 1; g <= 8; g++) expect(columns).toContain(g);
    expect(bitRowsSvg(observation)).toContain('set, reference clears it');
  });
});
