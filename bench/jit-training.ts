/**
 * A training phase before anything is timed. V8 optimizes a function with the type feedback it has
 * gathered so far, and the word loops run measurably slower when first optimized on a narrow diet: in
 * one run, `wordwise` on its first input (1 Mi pages, 0.1 % dirty, misaligned) stayed at 0.177 ms per
 * sync for all 2,073 samples, twice its 0.084–0.095 ms in other runs. Calling every contestant on every
 * density and both alignments first, with small DirtyMemoryBlocks so the block-crossing paths run too,
 * gives every timed task the steady state a long-running process would reach, whatever its position
 * in the run.
 */
import { FULL_DENSITIES_PERCENT } from './bench-plan.ts';
import type { BenchPlan } from './bench-plan.ts';
import { CountingEffects } from '../src/sync/counting-effects.ts';
import type { ResultSink } from './result-sink.ts';
import { SYNC_CONTESTANTS } from './sync-contestants.ts';
import { type Alignment, buildSyncInput } from './sync-inputs.ts';

/** Pages of each training input: large enough for the loops to be optimized, small enough to take ~2 s. */
export const TRAINING_PAGES = 2 ** 18;

/** Pages per DirtyMemoryBlock in training inputs, so a range crosses 16 blocks. */
export const TRAINING_BLOCK_PAGES = 2 ** 14;

/** Calls per contestant and training input. */
export const TRAINING_CALLS = 12;

/**
 * Calls every contestant `TRAINING_CALLS` times on each density and alignment, restoring before every
 * call and consuming every result.
 * @param plan - the run's plan (seed and misalignment)
 * @param sink - where results go
 */
export function trainContestants(plan: BenchPlan, sink: ResultSink): void {
  const alignments: readonly Alignment[] = ['aligned', 'misaligned'];
  const inputs = FULL_DENSITIES_PERCENT.flatMap((densityPercent) =>
    alignments.map((alignment) =>
      buildSyncInput({ pages: TRAINING_PAGES, densityPercent, alignment, blockPages: TRAINING_BLOCK_PAGES, seed: plan.seed, misalignment: plan.misalignment }),
    ),
  );
  // Densities and alignments alternate call by call, so no single diet comes first for long.
  for (let call = 0; call < TRAINING_CALLS; call++) {
    for (const input of inputs) {
      for (const contestant of SYNC_CONTESTANTS) {
        input.restore();
        sink.consume(contestant.run(input, new CountingEffects()));
      }
    }
  }
}
