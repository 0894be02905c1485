/**
 * What a benchmark run measures: sizes, densities, the seed and the misalignment it draws, and how long
 * tinybench spends on each task. `full` is issue 5's grid; `quick` is a smaller set that finishes in
 * well under 30 s.
 */
import { chooseMisalignment, type Misalignment, QEMU_BLOCK_PAGES } from './sync-inputs.ts';

/** The seed every input of every run is drawn from. Changing it changes every figure. */
export const BENCH_SEED = 0x0005_eed5;

/** Sizes of the synced RAMBlock, in pages: 1 Mi, 16 Mi and 64 Mi (a 256 GiB guest at 4 KiB pages). */
export const FULL_SIZES_PAGES: readonly number[] = [2 ** 20, 2 ** 24, 2 ** 26];

/** Dirty densities, in percent of pages. */
export const FULL_DENSITIES_PERCENT: readonly number[] = [0.1, 10, 50, 100];

/** One size and density; each is measured aligned and misaligned. */
export interface SizeDensity {
  /** Pages in the RAMBlock. */
  readonly pages: number;
  /** Dirty pages, in percent. */
  readonly densityPercent: number;
}

/**
 * tinybench's budget for each task. A task runs until it has spent `timeMs` in timed calls and made
 * `minIterations` of them, so fast syncs get many samples and the slow per-page models only a few.
 */
export interface TaskTiming {
  /** Timed milliseconds per task (restores between calls are not counted). */
  readonly timeMs: number;
  /** Minimum timed calls per task. */
  readonly minIterations: number;
  /** Warm-up milliseconds per task. */
  readonly warmupTimeMs: number;
  /** Minimum warm-up calls per task. */
  readonly warmupIterations: number;
}

/** Everything a run measures. */
export interface BenchPlan {
  /** `full` (issue 5's grid) or `quick`. */
  readonly mode: 'full' | 'quick';
  /** The base seed. */
  readonly seed: number;
  /** Pages per DirtyMemoryBlock (QEMU's). */
  readonly blockPages: number;
  /** The misaligned placement, drawn from the seed. */
  readonly misalignment: Misalignment;
  /** Sizes and densities of the sync-speed question, in the order they run. */
  readonly speedCases: readonly SizeDensity[];
  /** Sizes of the remote-clear question (at `remoteClearDensityPercent`). */
  readonly remoteClearSizesPages: readonly number[];
  /** The density the remote-clear counts are taken at; a remote clear does not depend on it. */
  readonly remoteClearDensityPercent: number;
  /** Budget per sync-speed task. */
  readonly timing: TaskTiming;
  /** The size the targets are stated at; in `quick` mode the largest size measured stands in. */
  readonly targetPages: number;
}

/**
 * Builds the plan for a mode.
 * @param mode - `full` or `quick`
 * @returns the plan
 */
export function createPlan(mode: 'full' | 'quick'): BenchPlan {
  const common = {
    seed: BENCH_SEED,
    blockPages: QEMU_BLOCK_PAGES,
    misalignment: chooseMisalignment(BENCH_SEED),
    remoteClearDensityPercent: 10,
  };
  if (mode === 'full') {
    return {
      ...common,
      mode,
      speedCases: FULL_SIZES_PAGES.flatMap((pages) => FULL_DENSITIES_PERCENT.map((densityPercent) => ({ pages, densityPercent }))),
      remoteClearSizesPages: FULL_SIZES_PAGES,
      timing: { timeMs: 400, minIterations: 5, warmupTimeMs: 100, warmupIterations: 2 },
      targetPages: 2 ** 26,
    };
  }
  // Quick: every density at 1 Mi pages, and 16 Mi pages at the target density only.
  return {
    ...common,
    mode,
    speedCases: [...FULL_DENSITIES_PERCENT.map((densityPercent) => ({ pages: 2 ** 20, densityPercent })), { pages: 2 ** 24, densityPercent: 10 }],
    remoteClearSizesPages: [2 ** 20, 2 ** 24],
    timing: { timeMs: 60, minIterations: 3, warmupTimeMs: 20, warmupIterations: 1 },
    targetPages: 2 ** 24,
  };
}
