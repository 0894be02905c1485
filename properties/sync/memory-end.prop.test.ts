/**
 * The case generator reaches the end of memory: in every family some cases put the last RAMBlock
 * (the synced one, or its neighbour) right at the end of the last DirtyMemoryBlock, as QEMU's last
 * RAMBlock is, so an implementation that reads or writes one word past the end of memory fails.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { buildCase } from '../../src/sync/case-arbitraries.ts';
import { CASE_FAMILIES, QEMU_BLOCK_PAGES } from '../../src/sync/case-families.ts';
import { BUILT_IN_IMPLEMENTATIONS } from '../../src/sync/implementations.ts';
import { knownFinding } from '../../src/sync/known-findings.ts';
import { LAWS } from '../../src/sync/laws/catalogue.ts';
import { observeSync } from '../../src/sync/observation.ts';
import type { SyncCase } from '../../src/sync/sync-case.ts';
import { propertySettingsFromEnv } from '../../src/property-settings.ts';

const lastPage = (c: SyncCase) => c.offsetPage + c.pages + (c.neighbourPages ?? 0);
const memoryPages = (c: SyncCase) => c.source.length * c.blockPages;

describe('cases that end memory', () => {
  const { seed } = propertySettingsFromEnv();
  for (const family of CASE_FAMILIES) {
    test(`${family.name}: some cases end exactly where memory ends, none runs past it`, () => {
      const cases = fc.sample(family.arbitrary, { seed, numRuns: 60 });
      for (const c of cases) expect(lastPage(c)).toBeLessThanOrEqual(memoryPages(c));
      const ending = cases.filter((c) => lastPage(c) === memoryPages(c));
      expect(ending.length, `${family.name}: no case of 60 ends memory`).toBeGreaterThan(0);
      if (family.name === 'qemu-block-size') expect(ending.every((c) => c.blockPages === QEMU_BLOCK_PAGES)).toBe(true);
    });
  }

  test('a layout that ends memory gets no DirtyMemoryBlock past its last page', () => {
    const layout = { blockPages: 64, offsetPage: 100, pages: 28, startPage: 0, npages: 28, splitAfter: 0, endsMemory: true };
    expect(buildCase('memory-end', layout, { kind: 'ones', words: [] }, { kind: 'ones', words: [] }, 0).source).toHaveLength(2);
    expect(buildCase('memory-end', { ...layout, pages: 29 }, { kind: 'ones', words: [] }, { kind: 'ones', words: [] }, 0).source).toHaveLength(3);
    expect(buildCase('memory-end', { ...layout, endsMemory: false }, { kind: 'ones', words: [] }, { kind: 'ones', words: [] }, 0).source).toHaveLength(4);
  });

  // A read of the source word after the range's last one (wordwise.ts once read it whatever its mask)
  // crashes when memory ends there: one 64-page block, the RAMBlock at page 33 up to page 64.
  test('every implementation keeps every law on a RAMBlock at the end of memory, range 0+5 at offset 33', () => {
    const layout = { blockPages: 64, offsetPage: 33, pages: 31, startPage: 0, npages: 5, splitAfter: 2, endsMemory: true };
    const syncCase = buildCase('memory-end', layout, { kind: 'ones', words: [] }, { kind: 'pattern', words: [] }, 0);
    expect(syncCase.source).toHaveLength(1);
    for (const implementation of BUILT_IN_IMPLEMENTATIONS) {
      const observation = observeSync(implementation, syncCase);
      for (const law of LAWS) {
        if (knownFinding(implementation.name, 'any-range', law.id) !== undefined) continue;
        expect(law.check(observation), `${implementation.name} ${law.id}`).toBeNull();
      }
    }
  });
});
