/**
 * Every law can fail: for the laws no historical bug exercises (L1, L3, L8, L9), a deliberately wrong
 * sync built on the reference must be caught by that law. (L2, L4, L5, L6 and L7 are shown to fail by
 * the historical bugs.)
 */
import { describe, expect, test } from 'vitest';
import { testBit } from '../../src/bitmap/bitmap.ts';
import { propertySettingsFromEnv } from '../../src/property-settings.ts';
import { CASE_FAMILIES } from '../../src/sync/case-families.ts';
import type { SyncImplementation } from '../../src/sync/contract.ts';
import { checkLaw } from '../../src/sync/law-check.ts';
import { lawById } from '../../src/sync/laws/catalogue.ts';
import type { LawId } from '../../src/sync/laws/law.ts';
import { referenceSyncUnchecked } from '../../src/sync/reference.ts';
import { sourceBit } from '../../src/sync/sync-case.ts';

const settings = propertySettingsFromEnv();

const mutants: readonly { law: LawId; implementation: SyncImplementation }[] = [
  {
    law: 'L1',
    implementation: {
      name: 'returns-one-more',
      description: 'the reference, returning one more than it counted',
      syncDirtyBitmap: (mem, rb, startPage, npages, effects) => referenceSyncUnchecked(mem, rb, startPage, npages, effects) + 1,
    },
  },
  {
    law: 'L3',
    implementation: {
      name: 'copies-instead-of-or',
      description: 'the reference, then bmap made equal to the harvested bits in the range',
      syncDirtyBitmap: (mem, rb, startPage, npages, effects) => {
        const dirty = Array.from({ length: npages }, (_, i) => sourceBit(mem, rb.offsetPage + startPage + i));
        const newlySet = referenceSyncUnchecked(mem, rb, startPage, npages, effects);
        dirty.forEach((isDirty, i) => {
          const page = startPage + i;
          if (!isDirty && testBit(rb.bmap, page)) rb.bmap[page >>> 5] &= ~(1 << (page & 31));
        });
        return newlySet;
      },
    },
  },
  {
    law: 'L8',
    implementation: {
      name: 'clears-on-empty',
      description: 'the reference, plus a remote clear of the start page even for an empty range',
      syncDirtyBitmap: (mem, rb, startPage, npages, effects) => {
        if (npages === 0) effects.clearDirtyLog(startPage, 1);
        return referenceSyncUnchecked(mem, rb, startPage, npages, effects);
      },
    },
  },
  {
    law: 'L9',
    implementation: {
      name: 'first-64-pages-only',
      description: 'the reference over at most the first 64 pages of the range',
      syncDirtyBitmap: (mem, rb, startPage, npages, effects) => referenceSyncUnchecked(mem, rb, startPage, Math.min(npages, 64), effects),
    },
  },
];

describe('every law can fail', () => {
  for (const { law, implementation } of mutants) {
    test(`${law} rejects a sync that ${implementation.description}`, () => {
      const result = checkLaw(implementation, lawById(law), CASE_FAMILIES[0], settings);
      expect(result.counterexample?.violation).toBeDefined();
    });
  }
});
