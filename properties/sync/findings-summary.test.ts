/**
 * The per-(implementation, law) summary the golden files and the report show, on implementations whose
 * findings are known by construction: the reference, on which every law holds, and one that throws on
 * every DirtyMemoryBlock smaller than QEMU's, so that every law is broken on the first case of every
 * family but qemu-block-size. The latter is named `qemu-landed`, because known findings are looked up by
 * implementation name: those of qemu-landed get the law suite's larger search budget, and only the
 * first broken family's counterexample is shrunk unless every one is asked for (a family that is not a
 * known finding is always shrunk, as the law suite does). Every count below follows from the family
 * scales, that budget and the known findings of src/sync/known-findings.ts.
 */
import { describe, expect, test } from 'vitest';
import { propertySettingsFromEnv, type PropertySettings } from '../../src/property-settings.ts';
import { QEMU_BLOCK_PAGES } from '../../src/sync/case-families.ts';
import type { SyncImplementation } from '../../src/sync/contract.ts';
import { summariseFindings, type ImplementationFindings } from '../../src/sync/findings-summary.ts';
import { LAWS } from '../../src/sync/laws/catalogue.ts';
import type { LawId } from '../../src/sync/laws/law.ts';
import { reference } from '../../src/sync/reference.ts';

// One run per family (Math.round(1 * 0.5) is 1 too); a known finding's search gets 10, or 5 at scale 0.5.
const settings: PropertySettings = { seed: propertySettingsFromEnv().seed, numRuns: 1 };

const SMALL_BLOCK_FAMILIES = ['any-range', 'whole-block', 'aligned-block', 'unaligned-block', 'short-neighbour'];

const smallBlocksThrow: SyncImplementation = {
  name: 'qemu-landed',
  description: 'the reference on 2^21-page DirtyMemoryBlocks; throws on any smaller block',
  syncDirtyBitmap: (mem, rb, startPage, npages, effects) => {
    if (mem.blockPages < QEMU_BLOCK_PAGES) throw new Error("a DirtyMemoryBlock smaller than QEMU's");
    return reference.syncDirtyBitmap(mem, rb, startPage, npages, effects);
  },
};

const VIOLATION = "the implementation threw on a valid input: Error: a DirtyMemoryBlock smaller than QEMU's";

/** The qemu-landed findings on the families above: L1, L2, L5, L9 on any-range and unaligned-block, L7 on all. */
const KNOWN_ON: Partial<Record<LawId, readonly string[]>> = {
  L1: ['any-range', 'unaligned-block'],
  L2: ['any-range', 'unaligned-block'],
  L5: ['any-range', 'unaligned-block'],
  L7: SMALL_BLOCK_FAMILIES,
  L9: ['any-range', 'unaligned-block'],
};

/** Each broken law as: cases, families, and per family the check's family, law, violation and whether it was shrunk. */
function brokenLaws(summary: ImplementationFindings) {
  return summary.findings.map((finding) => {
    expect(finding.shown).toBe(finding.byFamily[0]);
    return {
      implementation: finding.implementation,
      law: finding.law.id,
      cases: finding.cases,
      families: finding.families,
      byFamily: finding.byFamily.map(({ family, law, counterexample }) => ({ family, law, violation: counterexample?.violation, shrunk: (counterexample?.shrinks ?? 0) > 0 })),
    };
  });
}

function expectedBrokenLaws(shrinkEvery: boolean) {
  return LAWS.map(({ id }) => ({
    implementation: 'qemu-landed',
    law: id,
    // Each broken family stops at its first case; qemu-block-size holds over its 1 run, or 5 for a known finding.
    cases: SMALL_BLOCK_FAMILIES.length + (KNOWN_ON[id] ? 5 : 1),
    families: SMALL_BLOCK_FAMILIES,
    byFamily: SMALL_BLOCK_FAMILIES.map((family, index) => ({
      family,
      law: id,
      violation: VIOLATION,
      shrunk: shrinkEvery || index === 0 || !KNOWN_ON[id]?.includes(family),
    })),
  }));
}

describe('the findings summary', () => {
  test('lists every law with its cases and broken families, and shrinks only the first broken family of a known finding', () => {
    const progress: string[] = [];
    const [held, broken] = summariseFindings([reference, smallBlocksThrow], settings, (name) => progress.push(name));
    expect(progress).toEqual(['reference', 'qemu-landed']);

    expect(held.implementation).toBe('reference');
    expect(held.findings).toEqual([]);
    expect(held.outcomes.map(({ implementation, law, cases, families }) => [implementation, law.id, cases, families])).toEqual(LAWS.map((law) => ['reference', law.id, 6, []]));

    expect(broken.implementation).toBe('qemu-landed');
    expect(broken.outcomes.map(({ implementation, law, cases, families }) => [implementation, law.id, cases, families])).toEqual(
      LAWS.map((law) => ['qemu-landed', law.id, KNOWN_ON[law.id] ? 10 : 6, SMALL_BLOCK_FAMILIES]),
    );
    expect(brokenLaws(broken)).toEqual(expectedBrokenLaws(false));
  });

  test('shrinks every broken family when asked to', () => {
    const [broken] = summariseFindings([smallBlocksThrow], settings, () => {}, true);
    expect(brokenLaws(broken)).toEqual(expectedBrokenLaws(true));
  });
});
