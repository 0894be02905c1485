/**
 * The known-finding lookup answers for exactly the (implementation, family, law) asked, as the findings
 * table of docs/specification.md states them: the law tests, the gate and the report all decide "must
 * hold" or "known finding" through it.
 */
import { describe, expect, test } from 'vitest';
import { knownFinding } from '../../src/sync/known-findings.ts';

describe('knownFinding', () => {
  test('finds the entry of the implementation, family and law asked, with its accepted causes', () => {
    expect(knownFinding('qemu-pre-patch', 'unaligned-block', 'L1')).toEqual({ implementation: 'qemu-pre-patch', family: 'unaligned-block', law: 'L1', causes: ['aligned-destination-cursor'] });
    // Both models share the L1 finding: each lookup gets its own model's entry.
    expect(knownFinding('qemu-landed', 'unaligned-block', 'L1')?.implementation).toBe('qemu-landed');
    // After e8a6d158 the misaligned path, the only one a short block takes, breaks L7 as well.
    expect(knownFinding('qemu-landed', 'short-neighbour', 'L7')).toEqual({ implementation: 'qemu-landed', family: 'short-neighbour', law: 'L7', causes: ['misaligned-rearm-newly-set'] });
    expect(knownFinding('qemu-pre-patch', 'aligned-block', 'L7')?.causes).toEqual(['aligned-rearm-relative-start', 'aligned-rearm-newly-set']);
  });

  test('has no entry where the law must hold', () => {
    // reference and wordwise break no law.
    for (const implementation of ['reference', 'wordwise']) {
      for (const law of ['L1', 'L7', 'L9'] as const) expect(knownFinding(implementation, 'any-range', law), `${implementation} ${law}`).toBeUndefined();
    }
    // Before the patch the misaligned path re-armed every harvested page.
    expect(knownFinding('qemu-pre-patch', 'short-neighbour', 'L7')).toBeUndefined();
    // Block offsets that are whole words put the harvested bits where they belong.
    expect(knownFinding('qemu-landed', 'aligned-block', 'L1')).toBeUndefined();
    // No model breaks the empty-range law.
    expect(knownFinding('qemu-landed', 'any-range', 'L8')).toBeUndefined();
    expect(knownFinding('qemu-landed', 'no-such-family', 'L7')).toBeUndefined();
  });
});
