/**
 * Causes are derived from what a counterexample does, not from where it was found: hand-written cases,
 * one per cause, including the misaligned one-page case that a family-keyed table used to explain with
 * the aligned path's reason.
 */
import { describe, expect, test } from 'vitest';
import { deriveCause } from '../../src/sync/finding-causes.ts';
import { lawById } from '../../src/sync/laws/catalogue.ts';
import { observeSync } from '../../src/sync/observation.ts';
import { qemuLanded } from '../../src/sync/qemu-landed.ts';
import { qemuPrePatch } from '../../src/sync/qemu-pre-patch.ts';
import { expectCauseMatchesPath } from './finding-cause-check.ts';
import { handWrittenCase as buildCase, observeBroken as broken } from './hand-written-case.ts';

describe('deriveCause', () => {
  test('a one-page range on qemu-landed takes the misaligned path: its L7 cause is the misaligned re-arm, not the aligned one', () => {
    // A 1-page block whose page is dirty and already pending, next to a neighbour in the same word.
    const layout = { blockPages: 64, blocks: 2, offsetPage: 0, pages: 1, startPage: 0, npages: 1, dirty: [0, 1], pending: [0] };
    const observation = broken(qemuLanded, 'L7', layout);
    expect(expectCauseMatchesPath('L7', observation, ['misaligned-rearm-newly-set'])).toBe('misaligned-rearm-newly-set');
    expect(deriveCause('L7', observation)?.evidence).toMatch(/^npages 1 is not a multiple of 64, so the misaligned path runs; it cleared source page 0, but every bmap bit it set was already set/);
    // Before the patch the same case re-arms the page: no law is broken, and no cause is derived.
    const prePatch = observeSync(qemuPrePatch, buildCase(layout));
    expect(lawById('L7').check(prePatch)).toBeNull();
    expect(deriveCause('L7', prePatch)).toBeUndefined();
  });

  test('an aligned sync of pages all already pending re-arms nothing: the aligned newly-set gate', () => {
    const observation = broken(qemuPrePatch, 'L7', { blockPages: 128, blocks: 1, offsetPage: 0, pages: 64, startPage: 0, npages: 64, dirty: [5], pending: [5] });
    expect(expectCauseMatchesPath('L7', observation, ['aligned-rearm-newly-set'])).toBe('aligned-rearm-newly-set');
  });

  test('an aligned sync of a block at offset 64 re-arms the block-relative pages', () => {
    const observation = broken(qemuLanded, 'L7', { blockPages: 128, blocks: 1, offsetPage: 64, pages: 64, startPage: 0, npages: 64, dirty: [70], pending: [] });
    expect(expectCauseMatchesPath('L7', observation, ['aligned-rearm-relative-start'])).toBe('aligned-rearm-relative-start');
    expect(deriveCause('L7', observation)?.evidence).toContain('dirtyBitsCleared(0, 64), the block-relative start, while the cleared pages start at global page 64');
  });

  test('an aligned sync of a block at offset 1 ORs the harvest one page away', () => {
    const observation = broken(qemuLanded, 'L1', { blockPages: 128, blocks: 1, offsetPage: 1, pages: 127, startPage: 63, npages: 64, dirty: [64], pending: [] });
    expect(expectCauseMatchesPath('L1', observation, ['aligned-destination-cursor'])).toBe('aligned-destination-cursor');
    expect(deriveCause('L1', observation)?.evidence).toContain('source word 1 is ORed into bmap word 0');
  });

  test('a law no known cause explains yields no cause, so the report marks the finding as new', () => {
    const observation = observeSync(qemuLanded, buildCase({ blockPages: 64, blocks: 1, offsetPage: 0, pages: 64, startPage: 0, npages: 3, dirty: [1], pending: [] }));
    for (const law of ['L3', 'L6', 'L8'] as const) expect(deriveCause(law, observation)).toBeUndefined();
  });
});
