/**
 * What the sync benchmarks time: each built-in implementation through its public `syncDirtyBitmap`
 * (argument validation included; it costs O(DirtyMemoryBlocks), microseconds), and the floor kernel.
 */
import { BUILT_IN_IMPLEMENTATIONS } from '../src/sync/implementations.ts';
import type { CountingEffects } from '../src/sync/counting-effects.ts';
import { floorPass } from './floor-kernel.ts';
import type { SyncInput } from './sync-inputs.ts';

/** Name of the floor kernel in tables and figures. */
export const FLOOR_NAME = 'floor';

/** One timed contestant. */
export interface SyncContestant {
  /** Name in tables and in `bench/results.json`. */
  readonly name: string;
  /** Whether its return value is the newly-set count, which the benchmark checks after every call. */
  readonly returnsNewlySet: boolean;
  /**
   * One sync over the input's range.
   * @param input - the input, freshly restored
   * @param effects - the counting effect sink
   * @returns the value to consume
   */
  run(input: SyncInput, effects: CountingEffects): number;
}

/** The built-in implementations in report order, then the floor kernel. */
export const SYNC_CONTESTANTS: readonly SyncContestant[] = [
  ...BUILT_IN_IMPLEMENTATIONS.map(
    (implementation): SyncContestant => ({
      name: implementation.name,
      returnsNewlySet: true,
      run: (input, effects) => implementation.syncDirtyBitmap(input.mem, input.rb, input.startPage, input.npages, effects),
    }),
  ),
  {
    name: FLOOR_NAME,
    returnsNewlySet: false,
    run: (input) => floorPass(input.mem, input.rb, input.startPage, input.npages),
  },
];
