/**
 * The benchmarks' own machinery is checked like the code it measures: a figure is only worth something
 * if every timed call starts from the same input, does the whole job, and the floor kernel touches the
 * words a sync touches. Small block sizes make ranges cross DirtyMemoryBlocks.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { property } from '../properties/fast-check-property.ts';
import { BUILT_IN_IMPLEMENTATIONS } from '../src/sync/implementations.ts';
import { FULL_DENSITIES_PERCENT } from './bench-plan.ts';
import { CountingEffects } from '../src/sync/counting-effects.ts';
import { floorPass } from './floor-kernel.ts';
import { buildSyncInput, chooseMisalignment, type SyncInputSpec } from './sync-inputs.ts';

const specs = fc.record<SyncInputSpec>({
  pages: fc.integer({ min: 1, max: 20 }).map((words) => words * 64),
  densityPercent: fc.constantFrom(...FULL_DENSITIES_PERCENT),
  alignment: fc.constantFrom('aligned' as const, 'misaligned' as const),
  blockPages: fc.constantFrom(64, 128, 256),
  seed: fc.integer(),
  misalignment: fc.record({
    offsetPages: fc.integer({ min: 1, max: 63 }).filter((pages) => pages !== 32),
    trimPages: fc.integer({ min: 1, max: 63 }),
  }),
});

const RUNS = 200;

/** Copies of the source blocks and bmap, for comparing states. */
function snapshot(input: ReturnType<typeof buildSyncInput>): Uint32Array[] {
  return [...input.mem.blocks.map((block) => block.slice()), input.rb.bmap.slice()];
}

test('every implementation syncs a restored input to its dirty-page count', property([specs], (spec) => {
  const input = buildSyncInput(spec);
  for (const implementation of BUILT_IN_IMPLEMENTATIONS) {
    input.restore();
    expect(implementation.syncDirtyBitmap(input.mem, input.rb, input.startPage, input.npages, new CountingEffects())).toBe(input.dirtyPagesInRange);
  }
}, RUNS));

test('restore brings back the state the input was built with', property([specs], (spec) => {
  const input = buildSyncInput(spec);
  const built = snapshot(input);
  for (const implementation of BUILT_IN_IMPLEMENTATIONS) implementation.syncDirtyBitmap(input.mem, input.rb, input.startPage, input.npages, new CountingEffects());
  floorPass(input.mem, input.rb, input.startPage, input.npages);
  input.restore();
  expect(snapshot(input)).toEqual(built);
}, RUNS));

test('the floor kernel writes exactly the source and bmap words that hold the range', property([specs], (spec) => {
  const input = buildSyncInput(spec);
  for (const block of input.mem.blocks) block.fill(0xffffffff);
  floorPass(input.mem, input.rb, input.startPage, input.npages);
  const globalStart = input.rb.offsetPage + input.startPage;
  const sourceWords = { first: Math.floor(globalStart / 32), last: Math.floor((globalStart + input.npages - 1) / 32) };
  const wordsPerBlock = spec.blockPages / 32;
  input.mem.blocks.forEach((block, blockIndex) =>
    block.forEach((word, index) => {
      const globalWord = blockIndex * wordsPerBlock + index;
      expect(word).toBe(globalWord >= sourceWords.first && globalWord <= sourceWords.last ? 0 : 0xffffffff);
    }),
  );
  const bmapWords = { first: Math.floor(input.startPage / 32), last: Math.floor((input.startPage + input.npages - 1) / 32) };
  input.rb.bmap.forEach((word, index) => expect(word).toBe(index >= bmapWords.first && index <= bmapWords.last ? 0xffffffff : 0));
}, RUNS));

test('the misalignment is off every 32-page boundary and trims 1..63 pages', property([fc.integer()], (seed) => {
  const { offsetPages, trimPages } = chooseMisalignment(seed);
  expect(offsetPages % 32).not.toBe(0);
  expect(offsetPages).toBeGreaterThanOrEqual(1);
  expect(offsetPages).toBeLessThanOrEqual(63);
  expect(trimPages).toBeGreaterThanOrEqual(1);
  expect(trimPages).toBeLessThanOrEqual(63);
}, RUNS));

test('the same spec builds the same input', property([specs], (spec) => {
  expect(snapshot(buildSyncInput(spec))).toEqual(snapshot(buildSyncInput(spec)));
}, RUNS));
